// An answer written by an LLM from numbered sources, then checked: every [n] must point at a
// source we gave it, and each kept citation carries a verbatim quote with its exact lines.
//
// Decision on ungrounded replies: a reply with no valid citation is never returned as an
// answer. answerWithLlm throws LlmError('no_valid_citations') and the caller (ask.ts) serves
// the extractive answer instead, marked degraded. A reply of NOT_COVERED is a real answer:
// answered:false, with the closest passages under seeAlso.
import type { ChatMessage, ChatModel } from '../llm/chat-model.ts';
import { LlmError } from '../llm/llm-error.ts';
import { NOT_COVERED } from './answer-extractive.ts';
import type { Answer, Source } from './answer-types.ts';
import { numberSources, toCitation, verifyCitations } from './citations.ts';
import { formatSources } from './format-sources.ts';
import type { PromptTemplates } from './prompt-templates.ts';
import { bestSentence } from './quote.ts';
import type { Retrieval } from './retrieve.ts';

/** What answer.system.md tells the model to reply when the sources do not answer. */
export const NOT_COVERED_MARKER = 'NOT_COVERED';

export interface LlmAnswerOptions {
  signal: AbortSignal;
  /** ISO date (YYYY-MM-DD), so the model can read "last quarter". */
  today: string;
  /** Retrieved chunks shown to the model (default 8). */
  maxSources?: number;
}

export type LlmAnswerEvent = { type: 'token'; text: string } | { type: 'answer'; answer: Answer };

export function buildAnswerMessages(question: string, sources: readonly Source[], templates: PromptTemplates, today: string): ChatMessage[] {
  return [
    { role: 'system', content: templates.answerSystem.render({ today }) },
    { role: 'user', content: templates.answerUser.render({ question, sources: formatSources(sources), today }) },
  ];
}

export async function answerWithLlm(
  question: string,
  retrieval: Retrieval,
  model: ChatModel,
  templates: PromptTemplates,
  opts: LlmAnswerOptions,
): Promise<Answer> {
  const sources = numberSources(retrieval.results.slice(0, opts.maxSources ?? 8));
  const reply = await model.complete(buildAnswerMessages(question, sources, templates, opts.today), { signal: opts.signal });
  return finishLlmAnswer(question, reply, sources);
}

/**
 * Streams the model's text as it arrives, then yields the verified answer. The final text can
 * differ from the tokens (invalid markers removed, markers renumbered): show `answer.answer`
 * once it comes. A NOT_COVERED reply is held back, never streamed.
 */
export async function* streamAnswerWithLlm(
  question: string,
  retrieval: Retrieval,
  model: ChatModel,
  templates: PromptTemplates,
  opts: LlmAnswerOptions,
): AsyncGenerator<LlmAnswerEvent> {
  const sources = numberSources(retrieval.results.slice(0, opts.maxSources ?? 8));
  const messages = buildAnswerMessages(question, sources, templates, opts.today);
  let reply = '';
  let sent = 0;
  for await (const delta of model.stream(messages, { signal: opts.signal })) {
    reply += delta;
    // While the reply could still be the marker, wait; once it cannot, send everything held.
    const head = reply.trimStart();
    if (NOT_COVERED_MARKER.startsWith(head) || head.startsWith(NOT_COVERED_MARKER)) continue;
    yield { type: 'token', text: reply.slice(sent) };
    sent = reply.length;
  }
  yield { type: 'answer', answer: finishLlmAnswer(question, reply, sources) };
}

/** Turns a model reply into an Answer; throws LlmError when it is empty or cites nothing valid. */
export function finishLlmAnswer(question: string, reply: string, sources: readonly Source[]): Answer {
  const text = reply.trim();
  if (!text) throw new LlmError('bad_response', 'LLM reply was empty');
  if (isNotCovered(text)) return notCovered(question, sources);
  const verified = verifyCitations(text.replaceAll(NOT_COVERED_MARKER, 'not covered by the transcripts'), sources);
  if (verified.citations.length === 0) {
    const detail = verified.removed.length ? ` (removed ${verified.removed.join(' ')})` : '';
    throw new LlmError('no_valid_citations', `LLM reply cited no source${detail}`);
  }
  // Citations are narrowed to lines inside their chunk; a source is cited when it holds one.
  const isCited = (s: Source) =>
    verified.citations.some((c) => c.callId === s.hit.chunk.callId && c.startLine >= s.hit.chunk.startLine && c.endLine <= s.hit.chunk.endLine);
  const seeAlso = sources
    .slice(0, 5)
    .filter((s) => !isCited(s))
    .slice(0, 3)
    .map((s, i) => toCitation(verified.citations.length + i + 1, s.hit, bestSentence(s.hit.chunk, question)));
  return { answer: verified.text, answered: true, mode: 'llm', citations: verified.citations, seeAlso };
}

/** The marker alone, give or take punctuation, quotes or markdown around it. */
function isNotCovered(text: string): boolean {
  const bare = text.replace(/[\s"'`*.!:]+/g, ' ').trim().replace(/^_+|_+$/g, '');
  return bare === NOT_COVERED_MARKER || bare.startsWith(`${NOT_COVERED_MARKER} `);
}

function notCovered(question: string, sources: readonly Source[]): Answer {
  const seeAlso = sources.slice(0, 3).map((s, i) => toCitation(i + 1, s.hit, bestSentence(s.hit.chunk, question)));
  const answer = seeAlso.length ? `${NOT_COVERED} The closest passages are listed under see also.` : NOT_COVERED;
  return { answer, answered: false, mode: 'llm', citations: [], seeAlso };
}
