// Whether the passages found state an answer, not only touch the subject. Questions the calls do
// not answer are mostly near misses: the call speaks of the dividend but never says the amount
// declared, names the agency bought but not the price. So support is read off a few consecutive
// sentences (a statement and its neighbours), which must hold the question's rarer words
// together and, when the question asks for a figure, a count or a date, state one.
import type { Chunk } from '../../ingest/types.ts';
import { analysedSentences } from './chunk-sentences.ts';
import { synonymsOf } from './confidence.ts';

/** What kind of statement answers the question, beyond its words. */
export interface AnswerNeeds {
  /** An amount, share, rate or other number. */
  figure: boolean;
  /** A count ("how many"). */
  count: boolean;
  /** A date or time ("when"). */
  time: boolean;
}

// A figure as transcripts state them: money, percentages, magnitudes, multiples, decimals, grouped
// thousands; not a bare year or a quarter's number.
const FIGURE = /[$€£¥]\s?\d|\d\s?%|\b\d[\d,.]*\s?(?:million|billion|thousand|trillion|percent|basis points?|bps|times|x)\b|\b\d{1,3}(?:,\d{3})+\b|\b\d+\.\d+\b/i;
const NUMBER = /\b(?!(?:19|20)\d\d\b)\d[\d,.]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen)\b/i;
const TIME = /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|(?:19|20)\d\d|q[1-4]|(?:first|second|third|fourth) quarter|(?:first|second|back) half|year-end|end of (?:the )?(?:year|quarter|month)|next (?:year|quarter|month|week)|this (?:year|quarter|month|week)|today|yesterday|tomorrow)\b/i;

const ASKS_COUNT = /\bhow many\b|\bnumber of\b/i;
const ASKS_TIME = /\bwhen\b|\bwhat (?:date|day|month|year|time)\b|\bby (?:what|which) (?:date|month|year|quarter)\b|\bhow long\b/i;
const ASKS_FIGURE = /\bhow (?:much|large|big|high|low|fast)\b|\bby how much\b|\bwhat (?:percent(?:age)?|share|portion|proportion|rate|price|range|amount|level|multiple|ratio|margin|value|total|size)\b|\bwhat (?:was|were|is|are|will be)\b[^?]{0,50}\b(?:revenue|sales|margin|income|earnings|eps|cash flow|price|cost|guidance|outlook|growth|rate|ratio|backlog|bookings|debt|capex|dividend|spend(?:ing)?|budget)\b|\bper share\b/i;

export function answerNeeds(question: string): AnswerNeeds {
  return { figure: ASKS_FIGURE.test(question), count: ASKS_COUNT.test(question), time: ASKS_TIME.test(question) };
}

function states(text: string, needs: AnswerNeeds): boolean {
  if (needs.count && NUMBER.test(text)) return true;
  if (needs.figure && (FIGURE.test(text) || NUMBER.test(text))) return true;
  if (needs.time && TIME.test(text)) return true;
  return !needs.count && !needs.figure && !needs.time;
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
): number {
  const terms = [...new Set(queryTerms)];
  const weights = terms.map(idf);
  const total = weights.reduce((a, b) => a + b, 0);
  if (terms.length === 0 || total <= 0) return 0;
  let best = 0;
  for (const chunk of chunks) {
    const sentences = analysedSentences(chunk);
    const stating = sentences.map((s) => states(s.sentence.text, needs));
    for (let i = 0; i < sentences.length; i++) {
      const lo = Math.max(0, i - opts.window);
      const hi = Math.min(sentences.length - 1, i + opts.window);
      if (!stating.slice(lo, hi + 1).some(Boolean)) continue;
      const has = (t: string) => sentences.slice(lo, hi + 1).some((s) => s.terms.has(t));
      let covered = 0;
      terms.forEach((t, k) => {
        covered += weights[k] * (has(t) ? 1 : opts.synonymCredit > 0 && synonymsOf(t).some(has) ? opts.synonymCredit : 0);
      });
      best = Math.max(best, covered / total);
    }
  }
  return best;
}
