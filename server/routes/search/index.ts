import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RetrievedChunk } from '../../rag/retrieval/retrieve.ts';
import { plainJsonReplies } from '../shared/schemas.ts';
import { searchSchema } from './schema.ts';

const toResult = ({ chunk: c, callTitle, scores }: RetrievedChunk) => ({
  chunkId: c.id,
  callId: c.callId,
  callTitle,
  file: c.file,
  startLine: c.startLine,
  endLine: c.endLine,
  lines: c.lines,
  speaker: c.speaker,
  speakers: c.speakers,
  title: c.title,
  role: c.role,
  section: c.section,
  firm: c.firm,
  text: c.text,
  startTime: c.startTime,
  endTime: c.endTime,
  scores,
});

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/search', { schema: searchSchema, ...plainJsonReplies }, async (request) => {
    const started = performance.now();
    const { query, k, filters } = request.body;
    const retrieval = await app.rag.retrieve(query, { k, filters });
    return {
      results: retrieval.results.map(toResult),
      understood: retrieval.understood,
      confidence: retrieval.confidence,
      covered: retrieval.covered,
      tookMs: Math.round(performance.now() - started),
    };
  });
};

export const searchRoutes = fp(routes, { name: 'search-routes', dependencies: ['rag'], encapsulate: true });
