import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchReply } from '../../rag/search-reply.ts';
import { pooledReply } from '../shared/pooled-reply.ts';
import { plainJsonReplies } from '../shared/schemas.ts';
import { searchSchema } from './schema.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/search', { schema: searchSchema, ...plainJsonReplies }, async (request, reply) => {
    const started = performance.now();
    const { query, k, filters } = request.body;
    const here = async () => searchReply(await app.rag.retrieve(query, { k, filters }), started);
    const threads = app.searchThreads;
    if (!threads) return here();
    // A search thread builds the same searchReply there.
    return pooledReply(reply, await threads.run({ op: 'search', query, opts: { k, filters } }, here));
  });
};

export const searchRoutes = fp(routes, { name: 'search-routes', dependencies: ['rag'], encapsulate: true });
