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
    const here = () => app.rag.ask.ask(req, { signal });
    const threads = app.rag.mode === 'extractive' ? app.searchThreads : undefined;
    if (!threads) return unlessClientGone(reply, signal, here);
    // Offline answers may come from a search thread, as the body already written (see search).
    const out = await unlessClientGone(reply, signal, () => threads.run({ op: 'ask', req }, here));
    return 'json' in out ? reply.type(JSON_TYPE).send(out.json as never) : 'value' in out ? out.value : out;
  });
};

export const askRoutes = fp(routes, { name: 'ask-routes', dependencies: ['rag'], encapsulate: true });
