// The ask use case the routes call: rewrite a follow-up, retrieve, answer. Degrade, don't fail:
// when the LLM is slow, rate-limited, down, garbled or ungrounded, the extractive answer is
// served (degraded: true, degradedReason) within llmTimeoutMs. Only a client abort or a
// retrieval failure ends a request without an answer.
import type { ChatModel } from '../llm/chat-model.ts';
import { toLlmError } from '../llm/llm-error.ts';
import type { StreamTimeouts } from '../llm/stream-budget.ts';
import { answerExtractive, type ExtractiveOptions } from './answers/answer-extractive.ts';
import { answerWithLlm } from './llm-answers/answer-llm.ts';
import type { Answer, Citation } from './answers/answer-types.ts';
import { runAskStream } from './ask-stream.ts';
import { boundConversation, MAX_QUESTION_CHARS } from './conversation/conversation-bounds.ts';
import { degradeToExtractive } from './llm-answers/degrade.ts';
import type { SearchFilters } from './retrieval/filters.ts';
import type { PromptTemplates } from './llm-answers/prompt-templates.ts';
import type { Retrieval, Retriever } from './retrieval/retrieve.ts';
import { rewriteFollowUp, type ConversationMessage, type Rewrite } from './conversation/rewrite-followup.ts';
import type { Understood } from './understanding/understand-query.ts';

export interface AskRequest {
  question: string;
  k?: number;
  filters?: SearchFilters;
  /** Earlier turns of the conversation, oldest first, without the question itself. */
  messages?: ConversationMessage[];
}

export interface AskResult extends Answer {
  understood: Understood;
  /** The standalone query that was searched (the question itself unless it was a follow-up). */
  query: string;
  tookMs: number;
}

/**
 * Streamed events, in order: `token`* then `citations` then `done`; or `error` alone. The
 * tokens are a preview: `done.result.answer` is the final, verified text and replaces them
 * (it differs when claims their passages do not support were dropped, `done.result.verification`
 * counting them, when invalid citation markers were removed, or when the LLM failed midway or no
 * claim survived and the extractive answer took over, `done.result.degraded` being true).
 */
export type AskEvent =
  | { type: 'token'; text: string }
  | { type: 'citations'; citations: Citation[]; seeAlso: Citation[] }
  | { type: 'done'; result: AskResult }
  | { type: 'error'; error: { code: string; message: string } };

/** The subset of pino's logger we use. */
export interface AskLogger {
  warn(obj: object, msg?: string): void;
}

export interface AskDeps {
  retrieve: Retriever;
  model?: ChatModel;
  /** Required with a model. */
  templates?: PromptTemplates;
  /** Budget for an answering LLM call that is not streamed. */
  llmTimeoutMs: number;
  /** Streamed answers: time to the first token and longest gap between tokens (default: llmTimeoutMs each). */
  streamTimeouts?: StreamTimeouts;
  /** Budget for rewriting a follow-up with the LLM (default: a quarter of llmTimeoutMs, at most 5 s). */
  rewriteTimeoutMs?: number;
  logger?: AskLogger;
  /** Speaker names in the index, for recognising "and what did Tim say?". */
  speakers?: readonly string[];
  extractive?: ExtractiveOptions;
  /** Chunks shown to the LLM (default 8). */
  maxSources?: number;
  now?: () => Date;
}

export interface AskOptions {
  /** The client's signal: when it fires, work stops and nothing is answered. */
  signal?: AbortSignal;
}

export interface Prepared {
  rewrite: Rewrite;
  retrieval: Retrieval;
  started: number;
}

export interface AskUseCase {
  ask(req: AskRequest, opts?: AskOptions): Promise<AskResult>;
  askStream(req: AskRequest, opts?: AskOptions): AsyncIterable<AskEvent>;
}

/** Claims the check dropped are worth a log line: a model that invents figures shows up there. */
export function warnDropped(deps: AskDeps, answer: Answer): void {
  const v = answer.verification;
  if (v?.dropped) deps.logger?.warn({ dropped: v.dropped, claims: v.claims, problems: v.problems, model: deps.model?.id }, 'LLM answer served without claims its passages do not support');
}

export function createAsk(deps: AskDeps): AskUseCase {
  if (deps.model && !deps.templates) throw new Error('createAsk: a chat model needs prompt templates');
  const now = deps.now ?? (() => new Date());
  const today = () => now().toISOString().slice(0, 10);
  const rewriteTimeoutMs = deps.rewriteTimeoutMs ?? Math.min(5_000, Math.max(100, Math.floor(deps.llmTimeoutMs / 4)));
  const budget = (ms: number, signal?: AbortSignal) => (signal ? AbortSignal.any([signal, AbortSignal.timeout(ms)]) : AbortSignal.timeout(ms));

  async function prepare(req: AskRequest, signal?: AbortSignal): Promise<Prepared> {
    const started = performance.now();
    const rewrite = await rewriteFollowUp(req.question.slice(0, MAX_QUESTION_CHARS), boundConversation(req.messages ?? []), {
      speakers: deps.speakers,
      model: deps.model,
      templates: deps.templates,
      // Offline the rewrite is deterministic: no timer per request for a budget nothing can spend.
      signal: deps.model ? budget(rewriteTimeoutMs, signal) : signal,
      // Only an LLM's rewrite reads the date (a Date and its ISO string per offline answer were ~1% of a search thread).
      today: deps.model ? today() : undefined,
    });
    if (rewrite.fallbackReason) deps.logger?.warn({ reason: rewrite.fallbackReason, model: deps.model?.id }, 'follow-up rewrite fell back to the deterministic one');
    signal?.throwIfAborted();
    const retrieval = await deps.retrieve(rewrite.query, { k: req.k, filters: req.filters });
    signal?.throwIfAborted();
    return { rewrite, retrieval, started };
  }

  const finish = (answer: Answer, p: Prepared): AskResult => ({
    ...answer,
    understood: p.retrieval.understood,
    query: p.rewrite.query,
    tookMs: Math.round(performance.now() - p.started),
  });

  /** Answers that need no LLM: abstentions (no LLM call at all) and the offline mode. */
  const withoutLlm = (p: Prepared): Answer | undefined =>
    !deps.model || !p.retrieval.covered || p.retrieval.results.length === 0 ? answerExtractive(p.rewrite.query, p.retrieval, deps.extractive) : undefined;

  async function ask(req: AskRequest, opts: AskOptions = {}): Promise<AskResult> {
    const p = await prepare(req, opts.signal);
    const offline = withoutLlm(p);
    if (offline) return finish(offline, p);
    const signal = budget(deps.llmTimeoutMs, opts.signal);
    try {
      const answer = await answerWithLlm(p.rewrite.query, p.retrieval, deps.model!, deps.templates!, { signal, today: today(), maxSources: deps.maxSources });
      warnDropped(deps, answer);
      return finish(answer, p);
    } catch (caught) {
      const error = toLlmError(caught, signal);
      if (error.kind === 'aborted') throw error;
      deps.logger?.warn({ err: error.message, kind: error.kind, status: error.status, model: deps.model!.id }, 'LLM answer failed; serving the extractive answer');
      return finish(degradeToExtractive(p.rewrite.query, p.retrieval, error, deps.extractive), p);
    }
  }

  return {
    ask,
    askStream: (req, opts = {}) => runAskStream({ deps, prepare, finish, withoutLlm, today }, req, opts),
  };
}
