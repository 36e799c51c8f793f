import type { Role } from '../../../ingest/types.ts';
import type { AnalysedSentence, ChunkSentence } from './chunk-sentences.ts';
import { sentenceStates } from './answer-support.ts';
import { periodKind, type QuestionIntent } from './question-intent.ts';
import { wordCount } from '../text-match.ts';

export interface ScoredSentence {
  sentence: ChunkSentence;
  /** Index of the retrieved chunk it comes from. */
  hit: number;
  role: Role;
  terms: Set<string>;
  /** Weighted share of the question's content terms the sentence holds, 0..1. */
  overlap: number;
  score: number;
  /** Speaks of another period than the one asked ("guidance for Q2" to a question about Q3). */
  offPeriod: boolean;
}

// Weights are fixed constants chosen for the general shape of call transcripts (answers are
// sentences that share the question's words; figures answer "how much"), not per question.
export const SENTENCE_WEIGHTS = {
  rank: 0.15,
  figure: 0.25,
  /** On top of `figure`, for "how many" questions. */
  count: 0.15,
  time: 0.15,
  filler: -0.6,
  short: -0.3,
  boilerplate: -0.5,
  offRole: -0.35,
  asker: 0.35,
  questionMark: -0.1,
  otherPeriod: -0.6,
  /** A full-year statement for a question about a quarter, or a quarter's for one about the year. */
  otherScope: -0.3,
  phrase: 0.2,
};

// Words that open a reply ("Yes.", "Sure, absolutely.", "Okay, thanks") and state nothing.
const PARTICLE = String.raw`(?:yes|yeah|yep|sure|no|nope|right|okay|ok|absolutely|exactly|correct|indeed|of course|great|good|so|and|well|hi|hey|thanks?)[,.!]?`;
// Courtesy and call logistics carry no content ("Thank you, Tim.", "Great question.").
const FILLER = new RegExp(
  String.raw`^(?:${PARTICLE}\s+)*(?:thank(?:s| you)|great question|good question|appreciate (?:it|the question)|congrat(?:s|ulations)|(?:good )?(?:morning|afternoon|evening)|(?:hi|hey|hello),? everyone|(?:next|our next) question|(?:please )?go ahead|(?:one|a) moment|(?:operator instructions)|that concludes|this concludes|you may (?:now )?(?:disconnect|proceed))\b`,
  'i',
);
// A sentence of nothing but those words: it opens a reply and states nothing.
const ANSWER_PARTICLES = new RegExp(String.raw`^(?:${PARTICLE}\s*)+$`, 'i');
const BOILERPLATE = /\b(?:forward-looking statements?|safe harbor|non-GAAP financial measures|risk factors|SEC filings|investor relations (?:website|webpage))\b/i;
const NUMBER = /\d/;
// "139,000 paying customers", "510 customers", "over 1,500": not "26%", "$1.5 million" or "2024".
const COUNT = /(?<![$€£\d.,])\b(?!(?:19|20)\d\d\b)\d{1,3}(?:,\d{3})+(?![\d.]|\s?%|\s?percent)|(?<![$€£\d.,])\b(?!(?:19|20)\d\d\b)\d{2,}\b(?![.,]\d|\s?%|\s?percent|\s?(?:million|billion|basis))/i;
const TIME_WORDS =
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|q[1-4]|quarter|half|year|month|week|today|tomorrow|soon|later|next|early|end of|timing|timeline)\b|\b(?:19|20)\d\d\b/i;

// A lead-in announces a topic in a few words ("Moving to guidance for Q2 fiscal 2024."); a
// longer sentence, or one stating a figure ("Gross margins came in at 90.5%."), stands alone.
const LEAD_IN_WORDS = 12;
const STATES_FIGURE = /[$€£%]|\d\s*(?:million|billion|thousand|percent)\b|\d{1,3}(?:,\d{3})+/i;
// A sentence that announces a list ("… is driven really by 2 things.", "There are three reasons:")
// leads into what follows however long it is.
const ANNOUNCES = /(?::|\b(?:two|three|four|2|3|4|a few|several|a couple of|a number of) (?:things|reasons|factors|drivers|parts|pieces|areas|points|elements)[.:]?)\s*$/i;

/** What a sentence is, whatever the question. */
export interface Traits {
  figure: boolean;
  /** States a count: a whole number that is not a percentage, an amount of money or a year. */
  count: boolean;
  time: boolean;
  filler: boolean;
  short: boolean;
  boilerplate: boolean;
  question: boolean;
  /** Announces a topic or a list the next sentences speak to (CONTEXT_WEIGHTS.follows). */
  leadIn: boolean;
}

// What a sentence is regardless of the question, worked out once per sentence object (chunk
// sentences are cached per chunk, so the same objects come back across requests).
const traitCache = new WeakMap<ChunkSentence, Traits>();
export function traitsOf(sentence: ChunkSentence): Traits {
  let traits = traitCache.get(sentence);
  if (!traits) {
    const text = sentence.text;
    const words = wordCount(text);
    traits = {
      figure: NUMBER.test(text),
      count: COUNT.test(text),
      time: TIME_WORDS.test(text),
      filler: FILLER.test(text) || ANSWER_PARTICLES.test(text),
      short: words < 5,
      boilerplate: BOILERPLATE.test(text),
      question: text.trimEnd().endsWith('?'),
      leadIn: (words <= LEAD_IN_WORDS && !STATES_FIGURE.test(text)) || ANNOUNCES.test(text),
    };
    traitCache.set(sentence, traits);
  }
  return traits;
}

/**
 * The question's terms and their weights as arrays, with the weights' sum: overlapOf runs for every
 * candidate sentence, and reads them in this one order (so its sums do not depend on the caller).
 */
export interface TermWeights {
  terms: readonly string[];
  weights: readonly number[];
  total: number;
}

export function termWeights(weights: ReadonlyMap<string, number>): TermWeights {
  let total = 0;
  for (const w of weights.values()) total += w;
  return { terms: [...weights.keys()], weights: [...weights.values()], total };
}

// The traits of a chunk's sentences as one array, kept per analysed chunk: one lookup per chunk
// where candidates are scored, not one per sentence.
const chunkTraits = new WeakMap<readonly AnalysedSentence[], Traits[]>();
export function traitsOfAll(sentences: readonly AnalysedSentence[]): Traits[] {
  let traits = chunkTraits.get(sentences);
  if (!traits) chunkTraits.set(sentences, (traits = sentences.map((s) => traitsOf(s.sentence))));
  return traits;
}

/** Weighted share of the question's terms (`weights`) that `terms` hold, 0..1. */
export function overlapOf(terms: ReadonlySet<string>, weights: TermWeights): number {
  let shared = 0;
  for (let k = 0; k < weights.terms.length; k++) if (terms.has(weights.terms[k])) shared += weights.weights[k];
  return weights.total ? shared / weights.total : 0;
}

/** Scores one sentence of a retrieved chunk as an answer to the question. */
export function scoreSentence(
  sentence: ChunkSentence,
  terms: Set<string>,
  /** How many of the question's bigrams (intent.bigrams) the sentence holds. */
  phrases: number,
  /** The role of whoever says it (sentenceTurns): a unit can group an analyst's question with its answer. */
  role: Role,
  traits: Traits,
  intent: QuestionIntent,
  /** overlapOf(terms, the question's weights). */
  overlap: number,
  rankPrior: number,
  hit: number,
  /** The periods the sentence speaks of, when its paragraph named them earlier ("For Q2, … We expect …"). */
  periods?: ReadonlySet<string>,
): ScoredSentence {
  const W = SENTENCE_WEIGHTS;
  let score = overlap + W.rank * rankPrior;
  const said = intent.periods.length ? periodsSaid(periods ?? terms) : NO_PERIODS;
  const offPeriod = otherPeriod(said, intent);
  if (offPeriod) score += W.otherPeriod;
  else if (otherScope(said, intent)) score += W.otherScope;
  if (intent.bigrams.length) score += (W.phrase * phrases) / intent.bigrams.length;
  // A figure of the kind asked ("what did it cost": money, not a percentage).
  if (intent.wantsFigure && traits.figure && sentenceStates(sentence, intent.needs)) score += W.figure;
  if (intent.wantsCount && traits.count) score += W.count;
  if (intent.wantsTime && traits.time) score += W.time;
  if (traits.filler || role === 'operator') score += W.filler;
  if (traits.short) score += W.short;
  if (traits.boilerplate && !BOILERPLATE.test(intent.question)) score += W.boilerplate;
  if (intent.wantsAsker) score += role === 'analyst' ? W.asker : 0;
  else if (role === 'analyst') score += W.offRole;
  // A question inside an answer ("So what does that mean?") rarely answers anything itself.
  if (!intent.wantsAsker && traits.question) score += W.questionMark;
  return { sentence, hit, role, terms, overlap, score, offPeriod };
}

const NO_PERIODS: { q: string[]; fy: string[] } = { q: [], fy: [] };

/** A sentence's quarters and fiscal years, read in one pass over its terms (it runs for every candidate sentence). */
function periodsSaid(terms: ReadonlySet<string>): { q: string[]; fy: string[] } {
  const said = { q: [] as string[], fy: [] as string[] };
  for (const t of terms) {
    // Only terms starting q or f can name a period: the regexes run on those alone.
    if (t.charCodeAt(0) !== 113 && t.charCodeAt(0) !== 102) continue;
    const kind = periodKind(t);
    if (kind) said[kind].push(t);
  }
  return said;
}

// "Guidance for Q1" does not answer a question about Q2.
function otherPeriod(said: { q: string[]; fy: string[] }, intent: QuestionIntent): boolean {
  if (intent.periods.length === 0) return false;
  const byKind = intent.periodsByKind;
  for (const kind of ['q', 'fy'] as const) {
    const asked = byKind[kind];
    if (asked.length && said[kind].length && !said[kind].some((t) => asked.includes(t))) return true;
  }
  return false;
}

// "For the full fiscal 2024, we expect …" does not answer "guidance for Q2 fiscal 2024" (nor a
// Q2 figure a question about the whole year), though neither names another period.
function otherScope(said: { q: string[]; fy: string[] }, intent: QuestionIntent): boolean {
  if (intent.periods.length === 0) return false;
  const asked = intent.periodsByKind;
  const askedQuarter = asked.q.length > 0;
  const askedYear = asked.fy.length > 0;
  const saysQuarter = said.q.length > 0;
  const saysYear = said.fy.length > 0;
  return (askedQuarter && !saysQuarter && saysYear) || (askedYear && !askedQuarter && saysQuarter);
}

/** Jaccard similarity of two term sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  // The smaller set walked, the larger looked up: a short answer beside a long one.
  const [walked, looked] = a.size <= b.size ? [a, b] : [b, a];
  let both = 0;
  for (const t of walked) if (looked.has(t)) both++;
  return both / (a.size + b.size - both);
}
