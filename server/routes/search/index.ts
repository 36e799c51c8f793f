import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchReply } from '../../rag/search-reply.ts';
import { JSON_TYPE, plainJsonReplies } from '../shared/schemas.ts';
import { searchSchema } from './schema.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/search', { schema: searchSchema, ...plainJsonReplies }, async (request, reply) => {
    const started = performance.now();
    const { query, k, filters } = request.body;
    // A search thread's reply is the body already written (the same searchReply, built there).
    const body = await app.searchThreads?.offer({ op: 'search', query, opts: { k, filters } });
    // The schema's body, serialised already: the type provider cannot see that.
    if (body) return reply.type(JSON_TYPE).send(body as never);
    return searchReply(await app.rag.retrieve(query, { k, filters }), started);
  });
};

export const searchRoutes = fp(routes, { name: 'search-routes', dependencies: ['rag'], encapsulate: true });
