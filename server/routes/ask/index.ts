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
    const streamed = stream ?? wantsEventStream(request);
    if (app.rag.mode === 'extractive' && !streamed) {
      // An offline answer is a millisecond of CPU: nothing to stop if its client hangs up, so no
      // AbortController and listener on the connection for it (1% of the server's thread under load).
      // It may run in a search thread (an LLM answer waits on the network, not the CPU).
      const threads = app.searchThreads;
      const here = () => app.rag.ask.ask(req);
      return threads ? pooledReply(reply, await threads.run({ op: 'ask', req }, here)) : here();
    }
    const signal = clientGone(reply);
    if (streamed) return streamAnswer(app.rag.ask, req, reply, signal);
    return unlessClientGone(reply, signal, () => app.rag.ask.ask(req, { signal }));
  });
};

export const askRoutes = fp(routes, { name: 'ask-routes', dependencies: ['rag'], encapsulate: true });
