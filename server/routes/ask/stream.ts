import type { FastifyReply } from 'fastify';
import { AppError } from '../../errors.ts';
import type { AskEvent, AskRequest, AskUseCase } from '../../rag/ask.ts';
import { openSse } from '../shared/sse.ts';

const payload = (event: AskEvent): unknown => {
  switch (event.type) {
    case 'token':
      return { text: event.text };
    case 'citations':
      return { citations: event.citations, seeAlso: event.seeAlso };
    case 'done':
      return event.result;
    case 'error':
      return event.error;
  }
};

/**
 * Streams an answer as server-sent events. The first event is awaited before any header goes
 * out, so a failure to retrieve is still an ordinary problem+json response.
 */
export async function streamAnswer(ask: AskUseCase, req: AskRequest, reply: FastifyReply, signal: AbortSignal): Promise<FastifyReply> {
  const events = ask.askStream(req, { signal })[Symbol.asyncIterator]();
  const first = await events.next();
  if (first.done) {
    // Only a client that hung up ends the stream without an event; nobody is left to answer.
    if (signal.aborted) return reply.hijack();
    throw new AppError('internal:answer', 'The answer stream ended without an event');
  }
  if (first.value.type === 'error') throw new AppError('internal:search', first.value.error.message);

  const sse = openSse(reply, signal);
  try {
    for (let next: IteratorResult<AskEvent> = first; !next.done; next = await events.next()) {
      if (!sse.send(JSON.stringify(payload(next.value)), next.value.type)) break;
    }
  } catch (error) {
    reply.log.error({ err: error }, 'answer stream failed');
    sse.send(JSON.stringify({ code: 'internal', message: 'The answer stream failed' }), 'error');
  } finally {
    sse.end();
    await events.return?.();
  }
  return reply;
}
