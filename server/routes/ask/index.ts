import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { JSON_TYPE, plainJsonReplies } from '../shared/schemas.ts';
import { clientGone, unlessClientGone, wantsEventStream } from '../shared/sse.ts';
import { askSchema } from './schema.ts';
import { streamAnswer } from './stream.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/ask', { schema: askSchema, ...plainJsonReplies }, async (request, reply) => {
    const { stream, ...req } = request.body;
    const signal = clientGone(reply);
    if (stream ?? wantsEventStream(request)) return streamAnswer(app.rag.ask, req, reply, signal);
    // Offline answers may come from a search thread, as the body already written.
    const body = app.rag.mode === 'extractive' ? await app.searchThreads?.offer({ op: 'ask', req }) : undefined;
    // The schema's body, serialised already: the type provider cannot see that.
    if (body) return reply.type(JSON_TYPE).send(body as never);
    return unlessClientGone(reply, signal, () => app.rag.ask.ask(req, { signal }));
  });
};

export const askRoutes = fp(routes, { name: 'ask-routes', dependencies: ['rag'], encapsulate: true });
