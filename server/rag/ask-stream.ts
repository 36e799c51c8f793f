// The streaming form of ask: LLM tokens as they arrive (a preview), then the verified answer.
// When the LLM fails midway, or no claim of its reply survives the claim check, `done` carries the
// extractive answer and says degraded (streamed as a token only when no model text went out);
// clients replace whatever they showed with `done.result.answer`, which holds only verified text.
import { toLlmError } from '../llm/llm-error.ts';
import { streamBudget, tickingModel } from '../llm/stream-budget.ts';
import { streamAnswerWithLlm } from './llm-answers/answer-llm.ts';
import type { Answer } from './answers/answer-types.ts';
import { warnDropped, type AskDeps, type AskEvent, type AskOptions, type AskRequest, type AskResult, type Prepared } from './ask.ts';
import { degradeToExtractive } from './llm-answers/degrade.ts';

export interface AskStreamContext {
  deps: AskDeps;
  prepare(req: AskRequest, signal?: AbortSignal): Promise<Prepared>;
  finish(answer: Answer, p: Prepared): AskResult;
  withoutLlm(p: Prepared): Answer | undefined;
  today(): string;
}

export async function* runAskStream(ctx: AskStreamContext, req: AskRequest, opts: AskOptions): AsyncGenerator<AskEvent> {
  const { deps } = ctx;
  let p: Prepared;
  try {
    p = await ctx.prepare(req, opts.signal);
  } catch (caught) {
    if (opts.signal?.aborted) return;
    const message = caught instanceof Error ? caught.message : String(caught);
    yield { type: 'error', error: { code: 'retrieval_failed', message } };
    return;
  }

  let answer = ctx.withoutLlm(p);
  if (answer) {
    yield { type: 'token', text: answer.answer };
  } else {
    // Paced, not capped: a slow model that keeps writing finishes (stream-budget.ts).
    const budget = streamBudget(deps.streamTimeouts ?? { firstTokenMs: deps.llmTimeoutMs, idleMs: deps.llmTimeoutMs }, opts.signal);
    const { signal } = budget;
    const model = tickingModel(deps.model!, budget.tick);
    let streamed = false;
    try {
      for await (const event of streamAnswerWithLlm(p.rewrite.query, p.retrieval, model, deps.templates!, { signal, today: ctx.today(), maxSources: deps.maxSources })) {
        if (event.type === 'answer') {
          answer = event.answer;
          warnDropped(deps, answer);
        }
        else {
          streamed = true;
          yield event;
        }
      }
    } catch (caught) {
      const error = toLlmError(caught, signal);
      if (error.kind === 'aborted') return;
      deps.logger?.warn({ err: error.message, kind: error.kind, status: error.status, model: deps.model!.id }, 'LLM answer stream failed; serving the extractive answer');
      answer = degradeToExtractive(p.rewrite.query, p.retrieval, error, deps.extractive);
      // After a stall midway the preview already holds model text: appending the extractive answer
      // to it sent that answer twice (once in the tokens, once in done). `done` alone carries it.
      if (!streamed) yield { type: 'token', text: answer.answer };
    } finally {
      budget.dispose();
    }
  }
  const final = answer!;
  yield { type: 'citations', citations: final.citations, seeAlso: final.seeAlso };
  yield { type: 'done', result: ctx.finish(final, p) };
}
