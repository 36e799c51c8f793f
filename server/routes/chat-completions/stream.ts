import type { FastifyReply } from 'fastify';
import type { AskEvent, AskRequest, AskResult, AskUseCase } from '../../rag/ask.ts';
import { beginAnswerStream } from '../shared/answer-stream.ts';
import { answerWithSources } from '../shared/citation-text.ts';
import { openSse } from '../shared/sse.ts';
import { estimateTokens } from './conversation.ts';

export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
  promptTokens: number;
  includeUsage: boolean;
}

/**
 * `chat.completion.chunk` frames: the role first, then the verified answer as one content delta,
 * a stop chunk with citations, `[DONE]`. OpenAI-style clients cannot take text back, and until
 * the reply is complete any of its claims may still be dropped by the claim check, so the model's
 * tokens are not forwarded: the content is sent once, verified (the role chunk goes out at once
 * so clients know the answer is coming).
 */
export async function streamCompletion(ask: AskUseCase, req: AskRequest, reply: FastifyReply, signal: AbortSignal, meta: CompletionMeta): Promise<FastifyReply> {
  const started = await beginAnswerStream(ask, req, signal);
  if (!started) return reply.hijack();
  const { first, events } = started;

  const sse = openSse(reply, signal);
  const base = { id: meta.id, object: 'chat.completion.chunk', created: meta.created, model: meta.model };
  const chunk = (delta: object, finish: 'stop' | null = null, extra: object = {}) =>
    sse.send(JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }], ...extra }));
  chunk({ role: 'assistant', content: '' });

  let result: AskResult | undefined;
  try {
    for (let next: IteratorResult<AskEvent> = { value: first }; !next.done && !signal.aborted; next = await events.next()) {
      const event = next.value;
      if (event.type === 'done') result = event.result;
      else if (event.type === 'error') throw new Error(event.error.message);
    }
  } catch (error) {
    reply.log.error({ err: error }, 'chat completion stream failed');
    sse.send(JSON.stringify({ error: { message: 'The answer stream failed', type: 'server_error', code: 'internal' } }));
  } finally {
    await events.return?.();
  }
  if (result) {
    const content = answerWithSources(result.answer, result.citations, result.seeAlso);
    chunk({ content });
    chunk({}, 'stop', { citations: result.citations, ...(result.verification && { verification: result.verification }) });
    if (meta.includeUsage) {
      const completion = estimateTokens(content);
      const usage = { prompt_tokens: meta.promptTokens, completion_tokens: completion, total_tokens: meta.promptTokens + completion };
      sse.send(JSON.stringify({ ...base, choices: [], usage }));
    }
  }
  sse.send('[DONE]');
  sse.end();
  return reply;
}
