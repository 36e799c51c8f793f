import type { FastifyReply } from 'fastify';
import type { AskEvent, AskRequest, AskUseCase } from '../../rag/ask.ts';
import { beginAnswerStream } from '../shared/answer-stream.ts';
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

/** Streams an answer as server-sent events: token*, citations, done (or error). */
export async function streamAnswer(ask: AskUseCase, req: AskRequest, reply: FastifyReply, signal: AbortSignal): Promise<FastifyReply> {
  const started = await beginAnswerStream(ask, req, signal);
  if (!started) return reply.hijack();
  const { first, events } = started;
  const sse = openSse(reply, signal);
  try {
    for (let next: IteratorResult<AskEvent> = { value: first }; !next.done; next = await events.next()) {
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
