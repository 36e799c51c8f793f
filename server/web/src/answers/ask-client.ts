import { apiFetch, ApiError } from '../api.ts';
import { streamErrorMessage } from './notices.ts';
import { readSse } from './sse.ts';
import type { AskBody, AskResult, Citation } from '../types.ts';

export interface AskHandlers {
  onToken(text: string): void;
  onCitations?(citations: Citation[], seeAlso: Citation[]): void;
}

/**
 * POST /v1/ask with stream: true: tokens as they come, then the final result. Resolves with
 * `done`'s result; an `error` event, a problem+json reply or a stream cut short rejects with ApiError.
 */
export async function askStream(body: AskBody, handlers: AskHandlers, signal: AbortSignal): Promise<AskResult> {
  const response = await apiFetch('/v1/ask', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
    signal,
  });
  // A server (or proxy) that answered with plain JSON still answers the question.
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    const result = (await response.json()) as AskResult;
    handlers.onToken(result.answer);
    return result;
  }
  if (!response.body) throw new ApiError('The server sent an empty answer.', response.status);
  for await (const { event, data } of readSse(response.body)) {
    const payload = parse(data);
    if (event === 'token') handlers.onToken(String((payload as { text?: unknown }).text ?? ''));
    else if (event === 'citations') {
      const { citations = [], seeAlso = [] } = payload as { citations?: Citation[]; seeAlso?: Citation[] };
      handlers.onCitations?.(citations, seeAlso);
    } else if (event === 'done') return payload as AskResult;
    else if (event === 'error') {
      const { code, message } = payload as { code?: string; message?: string };
      console.warn(`answer stream error ${code ?? ''}: ${message ?? ''}`);
      throw new ApiError(streamErrorMessage(code), 500, code);
    }
  }
  signal.throwIfAborted();
  throw new ApiError('The answer stream ended before it was complete. Try again.', 0);
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new ApiError('The server sent an unreadable event.', 0);
  }
}
