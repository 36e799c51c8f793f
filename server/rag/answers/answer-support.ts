// Whether the passages found state an answer, not only touch the subject. Questions the calls do
// not answer are mostly near misses: the call speaks of the dividend but never says the amount
// declared, names the agency bought but not the price. So support is read off a few consecutive
// sentences (a statement and its neighbours), which must hold the question's rarer words
// together and, when the question asks for a figure, a count or a date, state one.
import type { Chunk } from '../../../ingest/types.ts';
import { analyze } from '../../../ingest/text/analyze.ts';
import { analysedSentences, type AnalysedSentence, type ChunkSentence } from './chunk-sentences.ts';
import { conceptMemberKeys, conceptMembers, conceptsWithMember } from '../../../ingest/text/concept-index.ts';
import { escapeRegExp } from '../text-match.ts';
import { termPostings } from './term-postings.ts';
import { boundedMemo } from '../../../ingest/hot-path/recent-values.ts';

/** What kind of statement answers the question, beyond its words. */
export interface AnswerNeeds {
  /** Asks for a number at all ("how much", "what range", "by how much"). */
  figure: boolean;
  /** The number is an amount of money ("what price", "how much did it pay", "revenue"). */
  money: boolean;
  /** The number is a share or rate ("margin", "growth", "what percentage"). */
  percent: boolean;
  /** A count ("how many"). */
  count: boolean;
  /** A date or time ("when"). */
  time: boolean;
  /** The count asked is of days, weeks, months, quarters or years ("how many quarters"). */
  countsTime?: boolean;
  /** Numbers the question itself gives ("Leap 360 Media", "$5,000 or more"): repeating them answers nothing. */
  given: string[];
}

// How transcripts state each kind. Money: a currency sign or a magnitude; a share: a percent or
// basis points; a count: a number that is neither; any figure: one of those, a multiple or a decimal.
const MONEY = /[$€£¥]\s?\d|\b\d[\d,.]*\s?(?:million|billion|thousand|trillion|mm|bn)\b/i;
const PERCENT = /\d\s?%|\b\d[\d,.]*\s?(?:percent|percentage points?|basis points?|bps|points?)\b/i;
const NUMBER = /(?<![$€£¥\d.,])\b(?!(?:19|20)\d\d\b)\d[\d,.]*\b(?!\s?%)|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozen)\b/i;
const FIGURE = /[$€£¥]\s?\d|\d\s?%|\b\d[\d,.]*\s?(?:million|billion|thousand|trillion|percent|basis points?|bps|times|x)\b|\b\d{1,3}(?:,\d{3})+\b|\b\d+\.\d+\b/i;
const TIME = /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|(?:19|20)\d\d|q[1-4]|(?:first|second|third|fourth) quarter|(?:first|second|back) half|year-end|end of (?:the )?(?:year|quarter|month)|next (?:year|quarter|month|week)|this (?:year|quarter|month|week)|today|yesterday|tomorrow|years?|months?|weeks?|days?)\b/i;

// The same, matching whole amounts, to take them out of a text: what is left of "$500 million"
// or "30%" must not read as a count ("00", "3").
const WHOLE_MONEY = /[$€£¥]\s?\d[\d,.]*(?:\s?(?:million|billion|thousand|trillion|mm|bn)\b)?|\b\d[\d,.]*\s?(?:million|billion|thousand|trillion|mm|bn)\b/gi;
const WHOLE_PERCENT = /\d[\d,.]*\s?%|\b\d[\d,.]*\s?(?:percent|percentage points?|basis points?|bps|points?)\b/gi;

// Numbers that count no things: a slide, page or chart referred to, a span of time ("the past two
// quarters") — unless the question counts time itself ("how many quarters").
const NOT_A_COUNT =
  /\b(?:slides?|pages?|charts?|exhibits?|tables?)\s+#?\d+\b|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)[\s-]+(?:more\s+|full\s+|consecutive\s+)?(days?|weeks?|months?|quarters?|years?)\b/gi;
const ASKS_TIME_COUNT = /\bhow many (?:more |full |consecutive )?(?:days|weeks|months|quarters|years)\b/i;

const ASKS_COUNT = /\bhow many\b|\bnumber of\b/i;
const ASKS_TIME = /\bwhen\b|\bwhat (?:date|day|month|year|time)\b|\bwhich (?:date|day|month|quarter|year)\b|\bby (?:what|which) (?:date|month|year|quarter)\b|\bhow long\b/i;
// Nouns whose value is a number: "what was the revenue", "what sales guidance did it give".
const METRIC_NOUN = String.raw`(?:revenue|sales|margin|income|earnings|eps|cash flow|price|cost|guidance|outlook|growth|rate|ratio|backlog|bookings|debt|capex|dividend|spend(?:ing)?|budget)`;
const ASKS_FIGURE = new RegExp(
  [
    String.raw`\bhow (?:much|large|big|high|low|fast|quickly)\b`,
    String.raw`\bwhat did\b[^?]{0,60}\b(?:cost|pay|spend|earn|generate|book|save)\b`,
    String.raw`\bby how much\b`,
    String.raw`\bwhat (?:percent(?:age)?|share|fraction|portion|proportion|rate|price|range|amount|level|multiple|ratio|margin|value|total|size)\b`,
    String.raw`\bwhat (?:was|were|is|are|will be)\b[^?]{0,50}\b${METRIC_NOUN}\b`,
    // The metric heads the "what" phrase: "what sales guidance did …", "what revenue growth does …".
    String.raw`\bwhat (?:[\w-]+ ){0,2}${METRIC_NOUN} (?:did|does|do|has|have|had|will|would|was|were|is|are)\b`,
    String.raw`\bper share\b`,
  ].join('|'),
  'i',
);
const MONEY_WORDS = /\b(?:price|prices|pay|paid|cost|costs|spend|spent|spending|budget|revenues?|sales|income|earnings|profit|cash|ebitda|capex|capital|dividends?|worth|value|proceeds|debt|fees?|compensation|dollars?|money|eps|per share)\b/i;
// A change can be told as a share of what it changed ("raised the dividend by 5%").
const CHANGE_WORDS = /\bby how much\b|\b(?:rais|lift|increas|decreas|cut|grow|grew|rise|rose|fall|fell|drop|declin|chang|mov|add)\w*/i;
const PERCENT_WORDS = /\b(?:margins?|growth|grow|rates?|percent(?:age)?|share of|yield|returns?|ratio|leverage)\b/i;

// "What did she say about the size of the pipeline?": an amount or a count, not a rate.
const ASKS_MAGNITUDE = /\b(?:size|amount|value) of\b/i;

export function answerNeeds(question: string): AnswerNeeds {
  const magnitude = ASKS_MAGNITUDE.test(question);
  const count = ASKS_COUNT.test(question) || magnitude;
  const figure = ASKS_FIGURE.test(question) || magnitude;
  const money = figure && (MONEY_WORDS.test(question) || magnitude);
  const percent = figure && (PERCENT_WORDS.test(question) || (money && CHANGE_WORDS.test(question)));
  return { figure, money, percent, count, countsTime: ASKS_TIME_COUNT.test(question), time: ASKS_TIME.test(question), given: question.match(/\d[\d,.]*\d|\d/g) ?? [] };
}

// The question's own numbers as patterns, built once per question: states() runs on every
// candidate sentence, and the per-kind copies withStatement makes share the same `given` array.
const givenPatterns = new WeakMap<readonly string[], RegExp[]>();
function givenPatternsOf(given: readonly string[]): RegExp[] {
  let patterns = givenPatterns.get(given);
  if (!patterns) givenPatterns.set(given, (patterns = given.map(numberPattern)));
  return patterns;
}

// The pattern of one number, compiled once per number ("3", "2021" come back in most questions),
// bounded as the numbers asked are not. Global patterns are shared safely: replace() and
// search() start from the beginning whatever lastIndex holds.
// Whole numbers only: the "3" of "Q3" in the question is not the 3 inside "$0.83".
const numberPattern = boundedMemo(1_000, (n: string) => new RegExp(`(?<![\\d.,])${escapeRegExp(n)}(?![\\d]|[.,]\\d)`, 'g'));

/** Whether the text holds one of the question's numbers (a substring test first: the pattern needs it). */
function holdsGiven(text: string, given: readonly string[]): boolean {
  const patterns = givenPatternsOf(given);
  return given.some((n, k) => text.includes(n) && text.search(patterns[k]) >= 0);
}

/** True when the text states a fact of a kind the question asks for (any text, when it asks for none). */
export function states(text: string, needs: AnswerNeeds): boolean {
  const patterns = givenPatternsOf(needs.given);
  const own = needs.given.reduce((t, n, k) => (t.includes(n) ? t.replace(patterns[k], ' ') : t), text);
  if (needs.time && TIME.test(own)) return true;
  if (needs.count && NUMBER.test(own.replace(WHOLE_MONEY, ' ').replace(WHOLE_PERCENT, ' ').replace(NOT_A_COUNT, (m, unit?: string) => (unit && needs.countsTime ? m : ' '))))
    return true;
  if (needs.figure) {
    if (needs.money || needs.percent) return (needs.money && MONEY.test(own)) || (needs.percent && PERCENT.test(own));
    return FIGURE.test(own) || NUMBER.test(own);
  }
  return !needs.count && !needs.time;
}

// What a sentence states depends on its text and the kinds asked (a few dozen combinations),
// once the question's own numbers are out of it: kept per sentence object (chunk sentences are
// cached per chunk), as the confidence check and the answer test the same sentences.
const statedCache = new WeakMap<ChunkSentence, Int8Array>();
const HAS_DIGIT = /\d/;
const needsKey = (n: AnswerNeeds) =>
  Number(n.figure) | (Number(n.money) << 1) | (Number(n.percent) << 2) | (Number(n.count) << 3) | (Number(n.time) << 4) | (Number(n.countsTime ?? false) << 5);

/** states() of a chunk sentence. */
export function sentenceStates(sentence: ChunkSentence, needs: AnswerNeeds): boolean {
  const text = sentence.text;
  // A number of the question's own inside the sentence: read afresh (rare, and question-specific).
  // (Those are numbers: a sentence without a digit holds none, and most hold none.)
  if (needs.given.length && HAS_DIGIT.test(text) && holdsGiven(text, needs.given)) return states(text, needs);
  let stated = statedCache.get(sentence);
  if (!stated) statedCache.set(sentence, (stated = new Int8Array(64)));
  const key = needsKey(needs);
  if (stated[key] === 0) stated[key] = states(text, needs) ? 1 : -1;
  return stated[key] === 1;
}

/**
 * For each term of the question, the lexicon's other ways to say it, each a term sequence: those of
 * the term itself, and those of a phrase of the question it belongs to ("foreign exchange" → "fx",
 * "currency"; "buy back" → "repurchase").
 */
function phraseSynonyms(sequence: readonly string[]): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  const add = (t: string, ids: readonly string[], except: string) => {
    const list = out.get(t) ?? [];
    for (const id of ids) {
      const members = conceptMembers(id);
      const keys = conceptMemberKeys(id);
      for (let j = 0; j < members.length; j++) if (keys[j] !== except) list.push(members[j]);
    }
    out.set(t, list);
  };
  for (let i = 0; i < sequence.length; i++) {
    add(sequence[i], conceptsWithMember(sequence[i]), sequence[i]);
    // Phrases of two or three terms starting here that are members of a concept.
    let key = sequence[i];
    for (let n = 2; n <= 3 && i + n <= sequence.length; n++) {
      key += ` ${sequence[i + n - 1]}`;
      const ids = conceptsWithMember(key);
      if (ids.length) for (let j = i; j < i + n; j++) add(sequence[j], ids, key);
    }
  }
  return out;
}

// Kept with the chunk's analysis (`sentences`, analysedSentences), so for as many chunks as that
// is: stored chunks live as long as the index, and a cache per chunk object would hold them all.
const headers = new WeakMap<readonly AnalysedSentence[], Set<string>>();
/** Analysed terms of the context header ingest put before the chunk's text. */
function headerTerms(chunk: Chunk, sentences: readonly AnalysedSentence[]): Set<string> {
  let terms = headers.get(sentences);
  if (!terms) {
    const at = chunk.embedText.lastIndexOf(chunk.text);
    headers.set(sentences, (terms = new Set(at > 0 ? analyze(chunk.embedText.slice(0, at)) : [])));
  }
  return terms;
}

export interface SupportOptions {
  /** Sentences on either side of a statement read with it. */
  window: number;
  /** Credit for a term present only as a synonym from the concept lexicon. */
  synonymCredit: number;
}

/**
 * The best idf-weighted share of the question's content terms held by one window of consecutive
 * sentences of one passage that also states what the question asks for (0..1).
 */
export function answerSupport(
  queryTerms: readonly string[],
  chunks: readonly Chunk[],
  idf: (term: string) => number,
  needs: AnswerNeeds,
  opts: SupportOptions,
  /**
   * Each multi-word name in the question, its analysed terms and its initials ("United States":
   * `us`): a name is said whole, or by its initials, or not at all.
   */
  names: readonly { terms: readonly string[]; initials?: string }[] = [],
): number {
  const terms = [...new Set(queryTerms)];
  const nameOf = new Map<string, { terms: readonly string[]; initials?: string }>();
  for (const name of names) if (name.terms.length > 1) for (const t of name.terms) if (terms.includes(t)) nameOf.set(t, name);
  const synonyms = opts.synonymCredit > 0 ? phraseSynonyms(queryTerms) : new Map<string, string[][]>();
  const weights = terms.map(idf);
  const total = weights.reduce((a, b) => a + b, 0);
  if (terms.length === 0 || total <= 0) return 0;
  // A window holding every term scores the most there is: no later one can beat it. (Each term
  // adds at most its weight, so the share never passes 1, when no weight or credit is above that.)
  const fullIsBest = opts.synonymCredit <= 1 && weights.every((w) => w >= 0);
  // Per term, in the terms' order, what a window is read for: built once per question, as every
  // candidate statement of every passage reads them.
  const wanted: WantedTerm[] = terms.map((t, k) => ({
    term: t,
    weight: weights[k],
    name: nameOf.get(t),
    // Each synonym of several words as the bigrams a sentence must hold.
    synonyms: (synonyms.get(t) ?? []).map((m) => ({ terms: m, bigrams: bigramsOf(m) })),
  }));
  let best = 0;
  const window: AnalysedSentence[] = [];
  for (const chunk of chunks) {
    const sentences = analysedSentences(chunk);
    // The passage's header (call, speaker, the analyst's firm, the question answered) is about
    // every sentence of it: "the Goldman Sachs analyst" is found there, not in what they said.
    const header = headerTerms(chunk, sentences);
    const headerOnly = terms.every((t) => header.has(t));
    const aboutQuestion = headerOnly ? undefined : sentencesHolding(sentences, terms);
    for (let i = 0; i < sentences.length; i++) {
      // The statement itself must be about the question (hold one of its words: the lexicon's
      // "synonyms" are concepts, salary beside stock-based compensation, and only add to a match);
      // its neighbours in the same paragraph may hold the rest ("Moving to the dividend. We raised it by …").
      // The word test first: it is a lookup, states() a dozen regexes over the sentence.
      const statement = sentences[i];
      if ((aboutQuestion && aboutQuestion[i] === 0) || !sentenceStates(statement.sentence, needs)) continue;
      const paragraph = statement.sentence.startLine;
      window.length = 0;
      for (let j = Math.max(0, i - opts.window); j <= i + opts.window && j < sentences.length; j++) if (sentences[j].sentence.startLine === paragraph) window.push(sentences[j]);
      let covered = 0;
      for (const w of wanted) covered += w.weight * windowCredit(window, header, w, opts.synonymCredit);
      best = Math.max(best, covered / total);
      if (best >= 1 && fullIsBest) return best;
    }
  }
  return best;
}

// A synonym's word pairs depend on the lexicon alone: worked out once per member, kept with the
// lexicon's own member arrays (the same objects come back at every question naming the concept).
const memberBigrams = new WeakMap<readonly string[], readonly string[]>();
function bigramsOf(member: readonly string[]): readonly string[] {
  let bigrams = memberBigrams.get(member);
  if (!bigrams) memberBigrams.set(member, (bigrams = member.slice(1).map((b, j) => `${member[j]} ${b}`)));
  return bigrams;
}

/** A term of the question as answerSupport reads windows for it. */
interface WantedTerm {
  term: string;
  weight: number;
  /** The multi-word name of the question it belongs to, if any. */
  name?: { terms: readonly string[]; initials?: string };
  synonyms: { terms: readonly string[]; bigrams: readonly string[] }[];
}

/** 1 when a window says the term, `synonymCredit` when it says only a synonym of it, else 0. */
function windowCredit(window: readonly AnalysedSentence[], header: ReadonlySet<string>, w: WantedTerm, synonymCredit: number): number {
  // "Net" of "Net Promoter Score" in "net retention" says nothing about the score; "U.S." says
  // "United States" whole.
  const name = w.name;
  const whole = name ? name.terms.every((n) => windowHas(window, header, n)) : true;
  const byInitials = name?.initials !== undefined && windowHas(window, header, name.initials);
  if ((windowHas(window, header, w.term) && whole) || byInitials) return 1;
  for (const m of w.synonyms) if (windowSays(window, header, m.terms, m.bigrams)) return synonymCredit;
  return 0;
}

/** Marks (1) the sentences holding any of `terms`, read off the chunk's term postings. */
function sentencesHolding(sentences: readonly AnalysedSentence[], terms: readonly string[]): Uint8Array {
  const postings = termPostings(sentences);
  const marked = new Uint8Array(sentences.length);
  for (const t of terms) for (const i of postings.get(t) ?? []) marked[i] = 1;
  return marked;
}

/** Whether a window of sentences (or its passage's header) holds a term. */
function windowHas(window: readonly AnalysedSentence[], header: ReadonlySet<string>, t: string): boolean {
  if (header.has(t)) return true;
  for (const s of window) if (s.terms.has(t)) return true;
  return false;
}

/** A synonym of several words is said when one sentence holds its words in order (`bigrams`, its word pairs). */
function windowSays(window: readonly AnalysedSentence[], header: ReadonlySet<string>, m: readonly string[], bigrams: readonly string[]): boolean {
  if (m.length === 1) return windowHas(window, header, m[0]);
  return window.some((s) => bigrams.every((b) => s.bigrams.has(b)));
}
