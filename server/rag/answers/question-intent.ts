import { analyze } from '../../../ingest/text/analyze.ts';
import { periodTerms } from '../../../ingest/text/periods.ts';
import { FRAMING_WORDS } from './framing-words.ts';
import { escapeRegExp } from '../text-match.ts';
import type { Understood } from '../understanding/understand-query.ts';
import { periodMentions } from '../understanding/period-mentions.ts';
import { answerNeeds, type AnswerNeeds } from './answer-support.ts';

/** Whether a term names a quarter (`q2`) or a fiscal year (`fy2024`). */
export const periodKind = (t: string): 'q' | 'fy' | undefined => (/^q[1-4]$/.test(t) ? 'q' : /^fy\d{4}$/.test(t) ? 'fy' : undefined);

/** What a question asks for, as far as picking answer sentences goes. */
export interface QuestionIntent {
  question: string;
  /** Content terms (analysed) with weights: what an answer sentence should share. */
  terms: Map<string, number>;
  /** Adjacent content terms ("paying customers"): a sentence saying them together is closer. */
  bigrams: string[];
  /** Periods the question names (`q2`, `fy2024`). */
  periods: string[];
  /** The same, quarters and fiscal years apart: every candidate sentence is compared with them. */
  periodsByKind: { q: string[]; fy: string[] };
  /** Asks for a figure: an amount, count, share or rate. */
  wantsFigure: boolean;
  /** Asks "how many": a count answers it better than a rate. */
  wantsCount: boolean;
  /** Asks for a time: a date, quarter, or period. */
  wantsTime: boolean;
  /** "What was/is …": a fact when the best evidence states a figure, an account otherwise. */
  asksWhatIs: boolean;
  /** Asks who raised a question, or what analysts asked: the analyst's question turn is the answer. */
  wantsAsker: boolean;
  /** The kind of fact asked (money, share, count, date), which an answer sentence should state. */
  needs: AnswerNeeds;
}

// Words that frame a question rather than name its subject ("what did management say about").
const FRAMING = new Set(analyze(`${FRAMING_WORDS} ask asked question questions call calls company management executives update view plan plans drive drove driven going give gave make made many much often long far kind sort way according`));
// Generic finance nouns a "what was the …" question asks a number for.
const METRIC =
  /\b(?:revenue|sales|margin|loss|income|profit|earnings|eps|rate|growth|count|number|amount|total|cash|flow|price|cost|spend(?:ing)?|expenses?|ratio|guidance|outlook|billings|bookings|arr|rpo|backlog|headcount|customers?|users?|seats?|share)\b/i;
const FIGURE = /\b(?:how (?:much|many|large|big|fast|quickly)|what (?:share|percent(?:age)?|portion|proportion|fraction|level)|by how much)\b/i;
const WHAT_WAS = /\bwhat (?:was|were|is|are|will be)\b(.{0,60})/i;
const TIME = /\b(?:when|what (?:date|day|time|month|year)|which (?:date|day|month|quarter|year))\b/i;
/** A period's analysed code (`q2`, `fy2024`): what `periods` holds. */
export const PERIOD_CODE = /^(?:q[1-4]|fy\d{4})$/;
const ASKER = /\b(?:who (?:asked|raised|questioned|wanted to know|inquired|pressed)|which analysts?)\b/i;

export function questionIntent(question: string, understood?: Understood): QuestionIntent {
  // The company's name was searched by scope, not by words; in a sentence it still marks what is
  // meant ("Asana Forward", "the Acme platform"): it counts again here.
  const named: string[] = [];
  for (const c of understood?.companies ?? []) if (c.as) named.push(c.as);
  const base = understood?.searchText?.trim() ? [understood.searchText, ...named].join(' ') : question;
  // An analyst's firm says whose turn is meant (retrieval used it), not what the turn is about.
  const firms = understood?.firms ?? [];
  const unnamed = firms.reduce((t, firm) => t.replace(new RegExp(`\\b${escapeRegExp(firm)}(?:'s)?(?:\\s+analysts?)?\\b`, 'gi'), ' '), base);
  // "What share of …" asks for a number; "share" is not the subject.
  const text = unnamed.replace(FIGURE, ' ').replace(TIME, ' ').replace(ASKER, ' ');
  const terms = new Map<string, number>();
  const sequence = analyze(text).filter((t) => !FRAMING.has(t));
  // Every word of a quarter the question names ("fiscal" and "quarter" in "the first quarter of
  // fiscal 2024"), not only its codes: "What was revenue in Q1 fiscal 2024?" is answered by "Q1
  // revenues came in at $152.4 million", not by "For the full fiscal 2024, we expect revenues …".
  const mentions = periodMentions(question);
  const periodWords = new Set<string>();
  for (const m of mentions) if (m.quarter) for (const t of analyze(question.slice(m.start, m.end))) periodWords.add(t);
  for (const t of sequence) {
    // A period ("Q1", "fiscal 2024") mostly picks the call, which retrieval already did; in a
    // sentence it is weak evidence.
    terms.set(t, periodTerms(t) || /^\d{4}$/.test(t) || periodWords.has(t) ? 0.3 : 1);
  }
  const whatWas = WHAT_WAS.exec(question);
  const needs = answerNeeds(question);
  // "On the Q1 call", "on its Q3 2021 earnings call" name which call, not the period the answer is about.
  const callQuarters: string[] = [];
  for (const m of mentions) if (m.namesCall && m.quarter) callQuarters.push(`q${m.quarter}`);
  // Built by push, not by filter over a spread (see ingest/hot-path/object-lists.ts).
  const periods: string[] = [];
  for (const t of terms.keys()) if (PERIOD_CODE.test(t) && !callQuarters.includes(t)) periods.push(t);
  return {
    question,
    terms,
    bigrams: [...new Set(sequence.slice(1).map((t, i) => `${sequence[i]} ${t}`))],
    periods,
    periodsByKind: { q: periods.filter((p) => periodKind(p) === 'q'), fy: periods.filter((p) => periodKind(p) === 'fy') },
    // One reading of what kind of fact is asked, shared with the "not covered" test (answer-support.ts),
    // widened by a generic "what was the <metric>" question.
    wantsFigure: needs.figure || (whatWas !== null && METRIC.test(whatWas[1])),
    asksWhatIs: whatWas !== null,
    wantsCount: needs.count,
    wantsTime: needs.time,
    needs,
    wantsAsker:
      ASKER.test(question) ||
      (understood?.roles?.includes('analyst') ?? false) ||
      (firms.length > 0 && /\b(?:ask|asked|asking|question|questions)\b/i.test(question)),
  };
}
