import { sentenceTurn } from './sentence-turn.ts';
import type { Answer, Citation } from './answer-types.ts';
import { callLabel, speakerLabel, type CallInfo } from './answer-labels.ts';
import { scoreCandidates } from './answer-candidates.ts';
import { toCitation } from '../llm-answers/citations.ts';
import { questionIntent, type QuestionIntent } from './question-intent.ts';
import { defuseMarkers } from '../llm-answers/citation-markers.ts';
import { bestChunkSentence, sentenceQuote, wholeChunkQuote } from './quote.ts';
import { analyze } from '../../../ingest/text/analyze.ts';
import type { Retrieval, RetrievedChunk } from '../retrieval/retrieve.ts';
import type { Understood } from '../understanding/understand-query.ts';
import type { PeriodGroup } from '../understanding/call-scope.ts';
import { jaccard, traitsOf, type ScoredSentence } from './sentence-score.ts';
import { sentenceStates, type AnswerNeeds } from './answer-support.ts';
import { answerIdentity } from './answer-identity.ts';
import { notCoveredText } from './not-covered.ts';

export interface ExtractiveOptions {
  /** How many of the top retrieved chunks to read sentences from. */
  topChunks?: number;
  maxSentences?: number;
  /** Call metadata by id, for labels like "Asana Q1 FY2024 call"; else labels come from call titles. */
  calls?: ReadonlyMap<string, CallInfo>;
}

const NEAR_DUPLICATE = 0.6;
const PER_PARAGRAPH = 2;
// Sentences past the second must score, and match the question, within this share of the best:
// an answer, not a dump.
const KEEP_SHARE = 0.6;
// A second sentence is usually wanted (context, the other half of a two-part question) but not
// one that barely touches the question.
const SECOND_SHARE = 0.35;
// Per period compared: its best statement and, when close enough (pickSentences), one more: one
// statement alone answered 6 of the 12 real comparisons, two answered 8.
const PER_PERIOD = 2;
// An account (no figure, count or date asked): the best sentence and its neighbours within this
// distance in its paragraph. For every such question, not only "why" or a named person's words:
// real dev 37/52 against 36/52, seeds second set 29/34 against 27/34.
const ACCOUNT_SENTENCES = 5;
// How far after the best sentence a statement of the fact asked may stand.
const STATEMENT_REACH = 4;
const NEIGHBOURS = 2;

/** An answer built only from verbatim transcript sentences: the offline default. */
export function answerExtractive(question: string, retrieval: Retrieval, opts: ExtractiveOptions = {}): Answer {
  const results = retrieval.results;
  const identity = answerIdentity(retrieval, opts.calls);
  if (identity) return { ...identity, seeAlso: seeAlsoOf(question, results, identity.citations, new Set()) };
  if (!retrieval.covered || results.length === 0) return abstain(question, retrieval);
  const intent = questionIntent(question, retrieval.understood);
  // Four results: since a result can span a turn's neighbouring chunks, as much text as five was (same scores on both question sets).
  const top = withBestWordMatch(results, opts.topChunks ?? 4);
  const scored = scoreCandidates(top, intent, retrieval.understood);
  const periods = retrieval.understood.periods;
  if (periods && periods.length > 1) {
    const compared = comparePeriods(periods, top, scored, intent, opts.calls);
    if (compared) return { ...compared, answered: true, mode: 'extractive', seeAlso: seeAlsoOf(question, top, compared.citations, compared.hits) };
  }
  const picked = pickSentences(scored, opts.maxSentences ?? 4, intent.wantsAsker);
  // Retrieval found the topic but no sentence says anything about it: better to say so. A
  // question that only names whose words it wants ("what did the Goldman Sachs analyst ask?")
  // has no topic words to share: its best-ranked sentence is the answer.
  const topical = intent.terms.size > 0;
  if (topical ? !picked.some((s) => s.overlap > 0 && s.score > 0) : picked.length === 0) return abstain(question, retrieval);
  // "What was Acme's occupancy at the end of Q4?": no word of the question says it wants a
  // number, but its best answer states one; it is answered as the fact it is, the statement first,
  // not as an account with the sentences around it (real dev and seeds sets unchanged, shorter answers).
  // An amount (money, a share, a count), not any digit: "the decline in Q4" states no fact.
  const amount: AnswerNeeds = { ...intent.needs, figure: true, money: true, percent: true, count: false, time: false };
  const factStated = intent.asksWhatIs && picked[0] !== undefined && (sentenceStates(picked[0].sentence, amount) || traitsOf(picked[0].sentence).count);
  if (!intent.wantsFigure && !intent.wantsCount && !intent.wantsTime && !intent.wantsAsker && !factStated) withNeighbours(picked, scored);
  else withStatement(picked, scored, intent, top);
  const { answer, citations } = compose(picked, top, intent, opts.calls);
  return { answer, answered: true, mode: 'extractive', citations, seeAlso: seeAlsoOf(question, top, citations, new Set(picked.map((p) => p.hit))) };
}

/**
 * The first `n` results, and the one below them whose words match the question best when it beats
 * all of theirs: fusion with the hashed vector can rank the passage that says "a leading sporting
 * goods manufacturing company" fifth, though BM25 put it first.
 */
// Seeds: the "sporting goods company" example of the issue now answered; both question sets and the
// real dev set otherwise unchanged.
function withBestWordMatch(results: readonly RetrievedChunk[], n: number): RetrievedChunk[] {
  const top = results.slice(0, n);
  const bar = Math.max(0, ...top.map((r) => r.scores.lexical));
  const below = results.slice(n).filter((r) => r.scores.lexical > bar).sort((a, b) => b.scores.lexical - a.scores.lexical)[0];
  return below ? [...top, below] : top;
}

/**
 * A reason or an account ("why …", "what did X say about …") is rarely one sentence: the one that
 * matches the question best names the subject, the ones around it in the same paragraph give the
 * reasons or the list ("We're building up our spare-parts stock. We're ordering in bigger batches.").
 * The best pick's paragraph neighbours join it, up to ACCOUNT_SENTENCES in all.
 */
function withNeighbours(picked: ScoredSentence[], scored: readonly ScoredSentence[]): void {
  const best = picked[0];
  if (!best) return;
  const paragraph = scored
    .filter((s) => s.hit === best.hit && s.sentence.startLine === best.sentence.startLine && !traitsOf(s.sentence).filler)
    .sort((a, b) => Math.abs(a.sentence.index - best.sentence.index) - Math.abs(b.sentence.index - best.sentence.index) || a.sentence.index - b.sentence.index);
  // The sentences right beside the best one come before other paragraphs' picks: "3 major swim
  // lanes. So there's the content tools like …" is one statement (real dev 41 → 42 of 52).
  const beside = paragraph.filter((s) => s !== best && Math.abs(s.sentence.index - best.sentence.index) <= 1);
  const others = picked.slice(1).filter((s) => !beside.includes(s));
  picked.splice(0, picked.length, ...[best, ...beside, ...others].slice(0, ACCOUNT_SENTENCES));
  for (const s of paragraph) {
    if (picked.length >= ACCOUNT_SENTENCES) break;
    if (Math.abs(s.sentence.index - best.sentence.index) > NEIGHBOURS) break;
    if (!picked.includes(s)) picked.push(s);
  }
}

/**
 * A figure or a date asked, and the best sentence names the subject without stating it ("the
 * Riverside turbine repair … back online in March"): the statement often follows in the same turn
 * ("The repair cost about $45 million all told."). The first sentence after the
 * best one, within STATEMENT_REACH, that states the kind of fact asked joins the answer.
 */
function withStatement(picked: ScoredSentence[], scored: readonly ScoredSentence[], intent: QuestionIntent, top: readonly RetrievedChunk[]): void {
  const best = picked[0];
  if (!best) return;
  const turn = sentenceTurn(top[best.hit].chunk, best.sentence).turnId;
  const after = scored
    .filter((s) => s.hit === best.hit && s.sentence.index > best.sentence.index && s.sentence.index <= best.sentence.index + STATEMENT_REACH)
    .filter((s) => sentenceTurn(top[s.hit].chunk, s.sentence).turnId === turn)
    .sort((a, b) => a.sentence.index - b.sentence.index);
  // Each kind asked on its own: "what did it cost and when did it come back" wants both.
  const n = intent.needs;
  const kinds: AnswerNeeds[] = [
    ...(n.figure ? [{ ...n, count: false, time: false }] : []),
    ...(n.count ? [{ ...n, figure: false, money: false, percent: false, time: false }] : []),
    ...(n.time ? [{ ...n, figure: false, money: false, percent: false, count: false }] : []),
  ];
  for (const kind of kinds) {
    if (sentenceStates(best.sentence, kind)) continue;
    const next = after.find((s) => sentenceStates(s.sentence, kind));
    if (next && !picked.includes(next)) picked.splice(1, 0, next);
  }
}

function seeAlsoOf(question: string, top: readonly RetrievedChunk[], citations: readonly Citation[], cited: ReadonlySet<number>): Citation[] {
  const wanted = new Set(analyze(question));
  return top
    .filter((_, i) => !cited.has(i))
    .slice(0, 3)
    .map((r, i) => closestCitation(citations.length + i + 1, r, wanted));
}

/** A passage listed under see also, quoted by its sentence closest to the question's terms (`wanted`). */
function closestCitation(n: number, r: RetrievedChunk, wanted: ReadonlySet<string>): Citation {
  const best = bestChunkSentence(r.chunk, wanted);
  return best ? toCitation(n, r, sentenceQuote(best), sentenceTurn(r.chunk, best)) : toCitation(n, r, wholeChunkQuote(r.chunk));
}

/**
 * Two periods compared ("from Q2 to Q3 2021"): each period's own statement, side by side, so a
 * figure of one is never presented as the other's. Undefined when a period has nothing on the
 * subject (the answer then falls back to the best sentences overall).
 */
function comparePeriods(
  periods: readonly PeriodGroup[],
  top: readonly RetrievedChunk[],
  scored: readonly ScoredSentence[],
  intent: QuestionIntent,
  calls: ReadonlyMap<string, CallInfo> | undefined,
): { answer: string; citations: Citation[]; hits: Set<number> } | undefined {
  const citations: Citation[] = [];
  const hits = new Set<number>();
  const lines: string[] = [];
  for (const period of periods) {
    const own = scored.filter((s) => period.callIds.includes(top[s.hit].chunk.callId));
    const picked = pickSentences(own, PER_PERIOD, intent.wantsAsker).filter((s) => s.overlap > 0 && s.score > 0);
    if (picked.length === 0) return undefined;
    picked.forEach((s) => hits.add(s.hit));
    lines.push(`${period.label}: ${compose(picked, top, intent, calls, citations).answer.replace(/\n/g, ' ')}`);
  }
  return { answer: lines.join('\n'), citations, hits };
}

function abstain(question: string, retrieval: Retrieval): Answer {
  const wanted = new Set(analyze(question));
  const seeAlso = retrieval.results.slice(0, 3).map((r, i) => closestCitation(i + 1, r, wanted));
  return { answer: notCoveredText(retrieval.understood, seeAlso.length > 0), answered: false, mode: 'extractive', citations: [], seeAlso };
}

/** The best sentences, diverse: no near-duplicates, at most two per chunk, 2–4 in all. */
export function pickSentences(scored: readonly ScoredSentence[], max: number, wantsAsker = false): ScoredSentence[] {
  if (scored.length === 0) return [];
  let best = scored[0];
  for (const s of scored) if (byRank(s, best) < 0) best = s;
  // Only the sentences that can reach the share of the best sort: most of the candidates score far below it.
  const sorted = scored.filter((s) => mayReachBest(s, best)).sort(byRank);
  const picked: ScoredSentence[] = [];
  // Counted per paragraph: a result can span several chunks of a long turn (turn-span.ts).
  const perParagraph = new Map<string, number>();
  const paragraphOf = (s: ScoredSentence) => `${s.hit}:${s.sentence.startLine}`;
  for (const s of sorted) {
    if (picked.length >= max) break;
    const share = picked.length >= 2 ? KEEP_SHARE : SECOND_SHARE;
    if (s.score < best.score * share || s.overlap < best.overlap * share) continue;
    // Only the best sentence may stand without sharing a word with the question.
    if (picked.length > 0 && (s.overlap === 0 || s.score <= 0)) continue;
    // Another period's statement never rides along as if it were about the one asked.
    if (picked.length > 0 && s.offPeriod) continue;
    // An analyst's question is context, not an answer, unless the question is about who asked.
    if (picked.length > 0 && s.role === 'analyst' && !wantsAsker) continue;
    if ((perParagraph.get(paragraphOf(s)) ?? 0) >= PER_PARAGRAPH) continue;
    if (picked.some((p) => jaccard(p.terms, s.terms) > NEAR_DUPLICATE)) continue;
    picked.push(s);
    perParagraph.set(paragraphOf(s), (perParagraph.get(paragraphOf(s)) ?? 0) + 1);
  }
  return picked;
}

/** Best first: by score, then in transcript order. */
const byRank = (a: ScoredSentence, b: ScoredSentence) => b.score - a.score || a.hit - b.hit || a.sentence.index - b.sentence.index;

/** False when a sentence is below the best's share whichever share pickSentences applies to it. */
function mayReachBest(s: ScoredSentence, best: ScoredSentence): boolean {
  const below = (x: number, top: number) => x < top * SECOND_SHARE && x < top * KEEP_SHARE;
  return !below(s.score, best.score) && !below(s.overlap, best.overlap);
}

/** One line per speaker and call, their sentences in transcript order, each quoted and cited. */
function compose(
  picked: readonly ScoredSentence[],
  top: readonly RetrievedChunk[],
  intent: QuestionIntent,
  calls: ReadonlyMap<string, CallInfo> | undefined,
  /** Citations already given (numbering continues after them). */
  citations: Citation[] = [],
): { answer: string; citations: Citation[] } {
  const groups = new Map<string, ScoredSentence[]>();
  for (const s of picked) {
    const c = top[s.hit].chunk;
    const key = `${c.callId}\u0000${sentenceTurn(c, s.sentence).speaker}`;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  const ordered = [...groups.values()];
  // "Who asked …": the asker leads; otherwise the best-scoring speaker does (pick order).
  if (intent.wantsAsker) ordered.sort((a, b) => Number(b[0].role === 'analyst') - Number(a[0].role === 'analyst'));
  const manyCalls = new Set(picked.map((s) => top[s.hit].chunk.callId)).size > 1;
  const lines = ordered.map((group) => {
    group.sort((a, b) => top[a.hit].chunk.startLine - top[b.hit].chunk.startLine || a.sentence.start - b.sentence.start);
    const first = top[group[0].hit];
    const quotes = group.map((s) => {
      const hit = top[s.hit];
      const n = citations.length + 1;
      citations.push(toCitation(n, hit, sentenceQuote(s.sentence), sentenceTurn(hit.chunk, s.sentence)));
      return `"${defuseMarkers(s.sentence.text)}" [${n}]`;
    });
    // In a unit grouping several turns, the speaker of the quoted line.
    const speaker = sentenceTurn(first.chunk, group[0].sentence);
    const asks = speaker.role === 'analyst' && (intent.wantsAsker || group.every((s) => traitsOf(s.sentence).question));
    const label = speakerLabel(speaker, callLabel(first.chunk.callId, first.callTitle, calls), manyCalls);
    return `${label} ${asks ? 'asked' : 'said'}: ${joinQuotes(quotes)}`;
  });
  return { answer: lines.join('\n'), citations };
}

function joinQuotes(quotes: string[]): string {
  if (quotes.length <= 1) return quotes.join('');
  return `${quotes.slice(0, -1).join(', ')} and ${quotes[quotes.length - 1]}`;
}
