// An answer written by an LLM from numbered sources, then checked: each claim's figures, names
// and quotations must be in the passages it cites (claim-check.ts; claims that fail are dropped),
// every [n] must point at a source we gave it, and each kept citation carries a verbatim quote
// with its exact lines.
//
// Decision on ungrounded replies: a reply with no valid citation is never returned as an
// answer. answerWithLlm throws LlmError('no_valid_citations') and the caller (ask.ts) serves
// the extractive answer instead, marked degraded. So does a reply whose every cited claim failed
// the claim check (LlmError('unverified_claims')); one that lost only some claims is served
// without them, `verification.dropped` counting them. A reply of NOT_COVERED is a real answer:
// answered:false, with the closest passages under seeAlso.
import type { ChatMessage, ChatModel } from '../../llm/chat-model.ts';
import { LlmError } from '../../llm/llm-error.ts';
import { unitTurns } from '../../../ingest/unit-turns.ts';
import { notCoveredText } from '../answers/not-covered.ts';
import type { Answer, Source } from '../answers/answer-types.ts';
import { defuseMarkers } from './citation-markers.ts';
import { checkClaims, type ClaimEvidence } from './claim-check.ts';
import { numberSources, toCitation, verifyCitations } from './citations.ts';
import { formatSource, formatSources } from './format-sources.ts';
import type { PromptTemplates } from './prompt-templates.ts';
import { bestSentence } from '../answers/quote.ts';
import type { Understood } from '../understanding/understand-query.ts';
import type { Retrieval } from '../retrieval/retrieve.ts';
import type { PeriodGroup } from '../understanding/call-scope.ts';

/** The longest model reply read; the rest is dropped unread. */
const MAX_REPLY_CHARS = 12_000;

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

export function buildAnswerMessages(
  question: string,
  sources: readonly Source[],
  templates: PromptTemplates,
  today: string,
  periods?: readonly PeriodGroup[],
): ChatMessage[] {
  return [
    { role: 'system', content: templates.answerSystem.render({ today }) },
    { role: 'user', content: templates.answerUser.render({ question, sources: sourcesText(sources, templates, periods), today }) },
  ];
}

const comparing = (periods: readonly PeriodGroup[] | undefined): periods is readonly PeriodGroup[] => (periods?.length ?? 0) > 1;

/** The numbered sources; for a comparison, grouped under the period whose calls they come from. */
function sourcesText(sources: readonly Source[], templates: PromptTemplates, periods?: readonly PeriodGroup[]): string {
  if (!comparing(periods)) return formatSources(sources);
  const placed = new Set<number>();
  const groups: string[] = [];
  for (const period of periods) {
    const own = sources.filter((s) => period.callIds.includes(s.hit.chunk.callId));
    own.forEach((s) => placed.add(s.n));
    groups.push(`Period ${period.label}:\n\n${own.length ? own.map(formatSource).join('\n\n') : '(no passage from this period)'}`);
  }
  const rest = sources.filter((s) => !placed.has(s.n));
  if (rest.length) groups.push(`Other passages:\n\n${rest.map(formatSource).join('\n\n')}`);
  const labels = periods.map((p) => p.label);
  return templates.answerCompare.render({
    periods: `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`,
    first: labels[0],
    groups: groups.join('\n\n'),
  });
}

/**
 * The passages shown to the model: the best `max`, but for a comparison each period's two best
 * are among them (as the extractive answer reads each period's own statements), in rank order.
 */
function selectSources(retrieval: Retrieval, max = 8): Source[] {
  const results = retrieval.results;
  const periods = retrieval.understood.periods;
  if (!comparing(periods)) return numberSources(results.slice(0, max));
  const picked = new Set<number>();
  const perPeriod = Math.max(1, Math.min(2, Math.floor(max / periods.length)));
  for (const period of periods) {
    let taken = 0;
    results.forEach((r, i) => {
      if (taken < perPeriod && picked.size < max && period.callIds.includes(r.chunk.callId)) {
        picked.add(i);
        taken++;
      }
    });
  }
  for (let i = 0; i < results.length && picked.size < max; i++) picked.add(i);
  return numberSources([...picked].sort((a, b) => a - b).map((i) => results[i]));
}

/** What a claim citing a source is checked against: its text, and its speakers' and call's labels. */
function claimEvidence(s: Source): ClaimEvidence {
  const c = s.hit.chunk;
  const labels = [s.hit.callTitle, ...c.speakers, ...unitTurns(c).flatMap((t) => [t.speaker, t.title ?? '', t.firm ?? ''])].filter(Boolean);
  // The text as the model saw it (formatSource defuses bracketed numbers), so its quotes match.
  return { n: s.n, text: defuseMarkers(c.text), labels };
}

export async function answerWithLlm(
  question: string,
  retrieval: Retrieval,
  model: ChatModel,
  templates: PromptTemplates,
  opts: LlmAnswerOptions,
): Promise<Answer> {
  const sources = selectSources(retrieval, opts.maxSources);
  const reply = await model.complete(buildAnswerMessages(question, sources, templates, opts.today, retrieval.understood.periods), { signal: opts.signal });
  return finishLlmAnswer(question, reply, sources, retrieval.understood);
}

/**
 * Streams the model's text as it arrives, then yields the verified answer. The final text can
 * differ from the tokens (unverified claims dropped, invalid markers removed, markers
 * renumbered): show `answer.answer` once it comes. A NOT_COVERED reply is held back, never streamed.
 */
export async function* streamAnswerWithLlm(
  question: string,
  retrieval: Retrieval,
  model: ChatModel,
  templates: PromptTemplates,
  opts: LlmAnswerOptions,
): AsyncGenerator<LlmAnswerEvent> {
  const sources = selectSources(retrieval, opts.maxSources);
  const messages = buildAnswerMessages(question, sources, templates, opts.today, retrieval.understood.periods);
  let reply = '';
  let sent = 0;
  for await (const delta of model.stream(messages, { signal: opts.signal })) {
    reply += delta;
    // Nothing past the cap is read (finishLlmAnswer drops it): stop the model instead of buffering it.
    if (reply.length > MAX_REPLY_CHARS) break;
    // While the reply could still be the marker, wait; once it cannot, send everything held.
    const head = reply.trimStart();
    if (NOT_COVERED_MARKER.startsWith(head) || head.startsWith(NOT_COVERED_MARKER)) continue;
    yield { type: 'token', text: reply.slice(sent) };
    sent = reply.length;
  }
  yield { type: 'answer', answer: finishLlmAnswer(question, reply, sources, retrieval.understood) };
}

/**
 * Turns a model reply into an Answer; throws LlmError when it is empty, cites nothing valid
 * ('no_valid_citations') or no cited claim survives the claim check ('unverified_claims').
 */
export function finishLlmAnswer(question: string, reply: string, sources: readonly Source[], understood?: Understood): Answer {
  // An answer is a few claims; a runaway reply is cut (its last claim then loses its marker and
  // goes) so that checking it costs no more than a long answer does.
  const text = reply.trim().slice(0, MAX_REPLY_CHARS);
  if (!text) throw new LlmError('bad_response', 'LLM reply was empty');
  if (isNotCovered(text)) return notCovered(question, sources, understood);
  const checked = checkClaims(text.replaceAll(NOT_COVERED_MARKER, 'not covered by the transcripts'), sources.map(claimEvidence), { question });
  const problems = checked.claims.flatMap((c) => c.problems);
  if (checked.verified === 0) {
    if (checked.claims.some((c) => c.cites.length > 0)) {
      const detail = problems.map((p) => `${p.reason}: ${p.detail}`).join('; ');
      throw new LlmError('unverified_claims', `no claim of the LLM reply is supported by the passages it cites (${detail})`);
    }
    const removed = verifyCitations(text, sources).removed;
    const detail = removed.length ? ` (removed ${removed.join(' ')})` : '';
    throw new LlmError('no_valid_citations', `LLM reply cited no source${detail}`);
  }
  const verified = verifyCitations(checked.text, sources);
  if (verified.citations.length === 0) throw new LlmError('no_valid_citations', 'LLM reply cited no source');
  // Citations are narrowed to lines inside their chunk; a source is cited when it holds one.
  const isCited = (s: Source) =>
    verified.citations.some((c) => c.callId === s.hit.chunk.callId && c.startLine >= s.hit.chunk.startLine && c.endLine <= s.hit.chunk.endLine);
  const seeAlso = sources
    .slice(0, 5)
    .filter((s) => !isCited(s))
    .slice(0, 3)
    .map((s, i) => toCitation(verified.citations.length + i + 1, s.hit, bestSentence(s.hit.chunk, question)));
  const verification = { claims: checked.claims.length, dropped: checked.dropped, problems };
  return { answer: verified.text, answered: true, mode: 'llm', citations: verified.citations, verification, seeAlso };
}

/** The marker alone, give or take punctuation, quotes or markdown around it. */
function isNotCovered(text: string): boolean {
  const bare = text.replace(/[\s"'`*.!:]+/g, ' ').trim().replace(/^_+|_+$/g, '');
  return bare === NOT_COVERED_MARKER || bare.startsWith(`${NOT_COVERED_MARKER} `);
}

function notCovered(question: string, sources: readonly Source[], understood: Understood | undefined): Answer {
  const seeAlso = sources.slice(0, 3).map((s, i) => toCitation(i + 1, s.hit, bestSentence(s.hit.chunk, question)));
  return { answer: notCoveredText(understood, seeAlso.length > 0), answered: false, mode: 'llm', citations: [], seeAlso };
}
