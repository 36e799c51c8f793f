import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CallDocument } from '../../../ingest/index-store/types.ts';
import { AppError } from '../../errors.ts';
import { SIGNED_LINK_READS } from '../../plugins/api-keys.ts';
import { withCueTimes } from './line-times.ts';
import { selectLines } from './select-lines.ts';
import { callLinesSchema, listCallsSchema, MAX_LINE_RANGE } from './schema.ts';

const summarize = ({ call, turns, chunkCount }: CallDocument) => ({
  id: call.id,
  file: call.file,
  title: call.title,
  company: call.company,
  companyAliases: call.companyAliases,
  ticker: call.ticker,
  companyKey: call.companyKey,
  fiscalQuarter: call.fiscalQuarter,
  fiscalYear: call.fiscalYear,
  fiscal: call.fiscal,
  periodSource: call.periodSource,
  callDate: call.callDate,
  turns: turns.length,
  chunks: chunkCount,
});

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/calls', { schema: listCallsSchema }, async () => ({ calls: app.index.calls.map(summarize) }));

  app.get('/calls/:id/lines', { schema: callLinesSchema, config: SIGNED_LINK_READS }, async (request) => {
    const doc = app.index.callById(request.params.id);
    if (!doc) throw new AppError('not_found:call', `No call with id ${request.params.id}`);
    const from = request.query.from ?? 1;
    const to = request.query.to ?? from + MAX_LINE_RANGE - 1;
    const { lines, nextFrom } = selectLines(doc.lines, from, to);
    return { callId: doc.call.id, file: doc.call.file, title: doc.call.title, from, to, lines: withCueTimes(doc, lines), ...(nextFrom ? { nextFrom } : {}) };
  });
};

// Encapsulated (own scope, honours the /v1 prefix) yet checked for the index at registration.
export const callRoutes = fp(routes, { name: 'call-routes', dependencies: ['transcript-index'], encapsulate: true });
