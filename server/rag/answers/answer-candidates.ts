import { analyze } from '../../../ingest/text/analyze.ts';
import { headerQuestions } from '../../../ingest/text/context-header.ts';
import type { Chunk } from '../../../ingest/types.ts';
import type { UnitTurn } from '../../../ingest/types.ts';
import { chunkUnitTurns, sentenceTurns } from './sentence-turn.ts';
import { analysedSentences, type AnalysedSentence } from './chunk-sentences.ts';
import { bigramPostings, termPostings } from './term-postings.ts';
import { speakerMatches } from '../retrieval/filters.ts';
import { PERIOD_CODE, type QuestionIntent } from './question-intent.ts';
import type { RetrievedChunk } from '../retrieval/retrieve.ts';
import { overlapOf, scoreSentence, termWeights, traitsOfAll, type ScoredSentence, type TermWeights } from './sentence-score.ts';
import type { Understood } from '../understanding/understand-query.ts';

// Fixed constants (see SENTENCE_WEIGHTS): how much a sentence borrows from its neighbours.
export const CONTEXT_WEIGHTS = {
  /** A sentence right after an on-topic lead-in carries its substance ("Moving to guidance for Q2. We expect …"). */
  follows: 0.5,
  /** An answer to an analyst question that matches ours is likely the answer we want. */
  answers: 0.3,
  /** The speaker the question names. */
  namedSpeaker: 0.2,
  /** A call other than the one(s) the question names (by company or quarter). */
  otherCall: -0.5,
};

const TITLE_TERM = 0.3;

/**
 * Term weights local to the candidates: a question word found in most candidate sentences
 * ("revenue" on an earnings call) tells them apart less than a rare one ("R&D").
 */
function localWeights(
  intent: QuestionIntent,
  perChunk: readonly (readonly AnalysedSentence[])[],
  holding: readonly (readonly (readonly number[])[])[],
  titles: readonly ReadonlySet<string>[],
): Map<string, number> {
  const n = perChunk.reduce((k, sentences) => k + sentences.length, 0);
  const weights = new Map<string, number>();
  let k = 0;
  for (const [t, base] of intent.terms) {
    let df = 0;
    for (const lists of holding) df += lists[k].length;
    k++;
    // The company's own name ("How many customers does Asana have?") picks the call, not the sentence.
    const named = titles.some((title) => title.has(t)) ? TITLE_TERM : 1;
    weights.set(t, base * named * Math.log(1 + (n + 1) / (df + 1)));
  }
  return weights;
}

const NONE: readonly number[] = [];

/**
 * For each of the question's terms (intent.terms, in order), the chunk's sentences holding it:
 * looked up once per request, for the local weights and for the overlaps.
 */
function holdingOf(sentences: readonly AnalysedSentence[], terms: readonly string[]): (readonly number[])[] {
  const postings = termPostings(sentences);
  return terms.map((t) => postings.get(t) ?? NONE);
}

/** How many of the question's (distinct) bigrams each of a chunk's sentences holds. */
function phrasesOf(sentences: readonly AnalysedSentence[], bigrams: readonly string[]): number[] {
  const counts = new Array<number>(sentences.length).fill(0);
  if (bigrams.length === 0) return counts;
  const postings = bigramPostings(sentences);
  for (const b of bigrams) for (const i of postings.get(b) ?? NONE) counts[i]++;
  return counts;
}

/**
 * overlapOf for each of a chunk's sentences, summed term by term in the weights' order as
 * overlapOf does (`holding`: holdingOf the chunk, whose terms are the weights' in that order).
 */
function overlapsOf(sentences: readonly AnalysedSentence[], holding: readonly (readonly number[])[], weights: TermWeights): number[] {
  const shared = new Array<number>(sentences.length).fill(0);
  for (let k = 0; k < holding.length; k++) for (const i of holding[k]) shared[i] += weights.weights[k];
  for (let i = 0; i < shared.length; i++) shared[i] = weights.total ? shared[i] / weights.total : 0;
  return shared;
}

// Call titles repeat across requests (a handful of calls per answer): analysed once each.
const titleTermsCache = new Map<string, Set<string>>();
function titleTerms(title: string): Set<string> {
  let terms = titleTermsCache.get(title);
  if (!terms) {
    if (titleTermsCache.size > 10_000) titleTermsCache.clear();
    titleTermsCache.set(title, (terms = new Set(analyze(title))));
  }
  return terms;
}

/**
 * Calls whose title holds a question word that other calls' titles lack: "Northwind" in "What was
 * Northwind's gross margin?" names the Northwind call even when query understanding did not.
 */
function callsNamedByTitle(top: readonly RetrievedChunk[], intent: QuestionIntent, titleTermsOf: readonly ReadonlySet<string>[]): string[] {
  const titles = new Map(top.map((r, i) => [r.chunk.callId, titleTermsOf[i]]));
  const named = new Set<string>();
  for (const t of intent.terms.keys()) {
    if (intent.periods.includes(t) || /^\d+$/.test(t)) continue;
    const having = [...titles].filter(([, terms]) => terms.has(t)).map(([id]) => id);
    if (having.length > 0 && having.length < titles.size) having.forEach((id) => named.add(id));
  }
  return [...named];
}

// The analyst question a chunk answers, as its context header quotes it (analysed once per chunk).
// Kept with the chunk's analysis (`sentences`), so bounded as that is.
const askedTermsCache = new WeakMap<readonly AnalysedSentence[], Set<string>>();
function askedTerms(chunk: Chunk, sentences: readonly AnalysedSentence[]): Set<string> {
  let terms = askedTermsCache.get(sentences);
  if (!terms) askedTermsCache.set(sentences, (terms = new Set(headerQuestions(chunk.embedText).flatMap((q) => analyze(q)))));
  return terms;
}

/**
 * The periods each sentence speaks of: its own and those named earlier in its paragraph. Guidance
 * reads "Moving to guidance for Q2. We expect revenues of …" (the figures are about Q2 without
 * saying so) and "For the full fiscal 2024, … down from 38% in fiscal year 2023" (about 2024,
 * though it names 2023).
 */
// How many sentences back a period still frames what is said: "For Q2, … We expect …" holds for
// the next sentences, not for a whole long answer that went on to something else ("… through the
// second quarter and into the third. … the loan book stands near $85 million").
// Real dev 40 → 41 of 52 (the whole paragraph before); seeds sets unchanged; 1 loses a seeds answer.
const PERIOD_REACH = 2;

// It depends on the chunk alone: worked out once per analysed chunk (kept while that is cached).
const periodContextCache = new WeakMap<readonly AnalysedSentence[], Set<string>[]>();
function periodContext(sentences: readonly AnalysedSentence[]): Set<string>[] {
  let context = periodContextCache.get(sentences);
  if (!context) periodContextCache.set(sentences, (context = periodContextOf(sentences)));
  return context;
}

function periodContextOf(sentences: readonly AnalysedSentence[]): Set<string>[] {
  return sentences.map(({ sentence }, k) => {
    const context = new Set<string>();
    for (let j = k; j >= 0 && k - j <= PERIOD_REACH && sentences[j].sentence.startLine === sentence.startLine; j--)
      for (const t of periodCodesOf(sentences[j])) context.add(t);
    return context;
  });
}

// A sentence's period terms, found once per analysed sentence (cached with its chunk), not for
// each of the up to three sentences whose context it is, on every request.
const periodCodes = new WeakMap<AnalysedSentence, string[]>();
function periodCodesOf(s: AnalysedSentence): string[] {
  let codes = periodCodes.get(s);
  if (!codes) periodCodes.set(s, (codes = [...s.terms].filter((t) => PERIOD_CODE.test(t))));
  return codes;
}

/**
 * Every sentence of the top chunks, scored as an answer to the question. When the question names
 * a call (by company or period) and that call has sentences on the subject, only they compete:
 * another company's figures are not an answer, however well they match. The same for an analyst
 * named by firm.
 */
export function scoreCandidates(top: readonly RetrievedChunk[], intent: QuestionIntent, understood?: Understood): ScoredSentence[] {
  const perChunk = top.map((r) => analysedSentences(r.chunk));
  const titles = top.map((r) => titleTerms(r.callTitle));
  const namedCalls = understood?.callIds?.length ? understood.callIds : callsNamedByTitle(top, intent, titles);
  // Whether each hit is of a call the question names: read per sentence below, decided per hit.
  const inNamedCall = top.map((r) => namedCalls.includes(r.chunk.callId));
  const questionTerms = [...intent.terms.keys()];
  const holding = perChunk.map((sentences) => holdingOf(sentences, questionTerms));
  const weights = termWeights(localWeights(intent, perChunk, holding, titles));
  const maxFused = Math.max(...top.map((r) => r.scores.fused)) || 1;
  const turns = perChunk.map((sentences, i) => sentenceTurns(top[i].chunk, sentences));
  const traits = perChunk.map(traitsOfAll);
  const scored = perChunk.map((sentences, i) => {
    const overlaps = overlapsOf(sentences, holding[i], weights);
    const phrases = phrasesOf(sentences, intent.bigrams);
    return periodContext(sentences).map((periods, k) => {
      const { sentence: s, terms } = sentences[k];
      return scoreSentence(s, terms, phrases[k], turns[i][k].role, traits[i][k], intent, overlaps[k], top[i].scores.fused / maxFused, i, periods);
    });
  });

  const W = CONTEXT_WEIGHTS;
  const bestOverlap = scored.map((list) => Math.max(0, ...list.map((s) => s.overlap)));
  // Worked out per turn, as a hit can group several turns (ingest/chunk.ts): where each turn is
  // among the hits, and the analyst's firm behind it (the analyst's own turn, or the question an
  // answer answers).
  const firms = understood?.firms ?? [];
  const hitOfTurn = new Map<string, number>();
  const turnById = new Map<string, UnitTurn>();
  top.forEach((r, i) =>
    chunkUnitTurns(r.chunk, perChunk[i]).forEach((t) => {
      if (!hitOfTurn.has(t.turnId)) hitOfTurn.set(t.turnId, i);
      turnById.set(t.turnId, t);
    }),
  );
  const firmOf = (t: UnitTurn) => t.firm ?? (t.answersTurnId ? turnById.get(t.answersTurnId)?.firm : undefined);
  // (A scored sentence's index in its chunk is its position there: turns[hit][index] is its turn.)
  const turnOf = (s: ScoredSentence) => turns[s.hit][s.sentence.index];
  const sentenceFirm = (s: ScoredSentence) => firmOf(turnOf(s));
  // Whether the question names a speaker, asked for each sentence: worked out once per speaker.
  const speakers = understood?.speakers ?? [];
  const namedSpeaker = new Map<string, boolean>();
  const isNamed = (speaker: string) => {
    let named = namedSpeaker.get(speaker);
    if (named === undefined) namedSpeaker.set(speaker, (named = speakers.some((name) => speakerMatches(speaker, name))));
    return named;
  };
  top.forEach((r, i) => {
    const c = r.chunk;
    const otherCall = namedCalls.length > 0 && !inNamedCall[i];
    scored[i].forEach((s, k) => {
      const turn = turns[i][k];
      const asked = turn.answersTurnId ? (hitOfTurn.get(turn.answersTurnId) ?? -1) : -1;
      // The speaker the question names, or the analyst's firm it names ("what did Tim tell the Piper
      // Sandler analyst"): that analyst's turn and the answers to it.
      const named = isNamed(turn.speaker) || firms.includes(firmOf(turn) ?? '');
      // The analyst's question is among the hits, or else the header quotes it: an answer to a question
      // like ours ("what is holding gizmo orders back?") answers ours, in its own words.
      // Without the question turn among the hits, the quoted question is all that says what the
      // answer is about: it lends its match to the answer's sentences as their own.
      if (!intent.wantsAsker && turn.answersTurnId && asked !== i) {
        const lent = W.answers * (asked >= 0 ? bestOverlap[asked] : overlapOf(askedTerms(c, perChunk[i]), weights));
        s.score += lent;
        if (asked < 0) s.overlap += lent;
      }
      if (named) s.score += W.namedSpeaker;
      if (otherCall) s.score += W.otherCall;
      const prev = scored[i][k - 1];
      if (prev && prev.sentence.startLine === s.sentence.startLine && prev.overlap > s.overlap && traits[i][k - 1].leadIn) {
        const borrowed = W.follows * (prev.overlap - s.overlap);
        s.score += borrowed;
        s.overlap += borrowed;
      }
    });
  });
  // Likewise a named analyst's firm: what was said to (or by) that analyst is the answer.
  const restrict = (list: ScoredSentence[], keep: (s: ScoredSentence) => boolean) => {
    const kept = list.filter(keep);
    return kept.some((s) => s.overlap > 0) ? kept : list;
  };
  // concat, not flat(): V8's flat() takes a generic slow path, a few microseconds per request here.
  const inCall = restrict(([] as ScoredSentence[]).concat(...scored), (s) => inNamedCall[s.hit]);
  // Unless the question is about what the analyst asked, the answer is what was said back.
  const fromFirm = (s: ScoredSentence) => firms.includes(sentenceFirm(s) ?? '') && (intent.wantsAsker || s.role !== 'analyst');
  if (firms.length) return restrict(inCall, fromFirm);
  // A person the question names ("what did Adam Rich say", "the CEO"): their own words, when
  // they said something on the subject; others' sentences only when they did not.
  const byNamed = (s: ScoredSentence) => isNamed(turnOf(s).speaker);
  return speakers.length ? restrict(inCall, byNamed) : inCall;
}
