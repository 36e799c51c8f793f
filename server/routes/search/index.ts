import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchReply } from '../../rag/search-reply.ts';
import { JSON_TYPE, plainJsonReplies } from '../shared/schemas.ts';
import { searchSchema } from './schema.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/search', { schema: searchSchema, ...plainJsonReplies }, async (request, reply) => {
    const started = performance.now();
    const { query, k, filters } = request.body;
    const here = async () => searchReply(await app.rag.retrieve(query, { k, filters }), started);
    const threads = app.searchThreads;
    if (!threads) return here();
    const out = await threads.run({ op: 'search', query, opts: { k, filters } }, here);
    // A search thread's reply is the body already written (the same searchReply, built there),
    // which the type provider cannot see.
    return 'json' in out ? reply.type(JSON_TYPE).send(out.json as never) : out.value;
  });
};

export const searchRoutes = fp(routes, { name: 'search-routes', dependencies: ['rag'], encapsulate: true });
