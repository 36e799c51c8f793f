import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pooledReply } from '../shared/pooled-reply.ts';
import { plainJsonReplies } from '../shared/schemas.ts';
import { clientGone, unlessClientGone, wantsEventStream } from '../shared/sse.ts';
import { askSchema } from './schema.ts';
import { streamAnswer } from './stream.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/ask', { schema: askSchema, ...plainJsonReplies }, async (request, reply) => {
    const { stream, ...req } = request.body;
    const signal = clientGone(reply);
    if (stream ?? wantsEventStream(request)) return streamAnswer(app.rag.ask, req, reply, signal);
    const here = () => app.rag.ask.ask(req, { signal });
    // Offline answers may run in a search thread (an LLM answer waits on the network, not the CPU).
    const threads = app.rag.mode === 'extractive' ? app.searchThreads : undefined;
    const work = threads ? async () => pooledReply(reply, await threads.run({ op: 'ask', req }, here)) : here;
    return unlessClientGone(reply, signal, work);
  });
};

export const askRoutes = fp(routes, { name: 'ask-routes', dependencies: ['rag'], encapsulate: true });
