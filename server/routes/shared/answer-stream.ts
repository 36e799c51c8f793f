import { AppError } from '../../errors.ts';
import type { AskEvent, AskRequest, AskUseCase } from '../../rag/ask.ts';

export interface StartedStream {
  first: AskEvent;
  events: AsyncIterator<AskEvent>;
}

/**
 * Starts an answer stream and waits for its first event before any header goes out, so a
 * failure to retrieve is still an ordinary problem+json response. Undefined when the client
 * hung up first (nobody is left to answer).
 */
export async function beginAnswerStream(ask: AskUseCase, req: AskRequest, signal: AbortSignal): Promise<StartedStream | undefined> {
  const events = ask.askStream(req, { signal })[Symbol.asyncIterator]();
  const first = await events.next();
  if (first.done) {
    if (signal.aborted) return undefined;
    throw new AppError('internal:answer', 'The answer stream ended without an event');
  }
  if (first.value.type === 'error') throw new AppError('internal:search', first.value.error.message);
  return { first: first.value, events };
}
