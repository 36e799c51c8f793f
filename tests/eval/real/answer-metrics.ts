import { fileStem, KINDS, type Kind } from './real-sets.ts';

// Answer metrics on the whole-library set. Pure: answers in, numbers out.

/** A cited passage as answers give it: the file (relative name or stem) and an inclusive line range. */
export interface CitedLines {
  file: string;
  startLine: number;
  endLine: number;
}

/** What an answerer returns for one question (the product's `AskResult` fits, and so does the baseline's). */
export interface AnswerGiven {
  answer: string;
  /** False when the answerer abstained ("the transcripts don't cover this"). */
  answered: boolean;
  citations: CitedLines[];
}

export type Answerer = (question: string) => Promise<AnswerGiven>;

/** The part of a question the answer metrics read. */
export interface AnswerKey {
  kind: Kind;
  gold: Record<string, number[]>;
  any: string[];
  all?: string[];
}

/**
 * Text as compared: Unicode-compatible forms, lower case, typographic quotes and dashes made plain,
 * whitespace runs made one space, and numbers written one way: `$` dropped ("$45 million" →
 * "45 million"), thousands separators dropped ("1,250" → "1250"), "percent"/"per cent" → "%" with no
 * space before it ("3 percent", "3 %" → "3%"). Nothing else: "45 million" does not match "45m".
 */
export function normalizeAnswerText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\$\s*/g, '')
    .replace(/(?<=\d),(?=\d{3}(?!\d))/g, '')
    .replace(/\s*\bper\s?cent\b/g, '%')
    .replace(/\s+%/g, '%')
    .replace(/\s+/g, ' ')
    .trim();
}

const contains = (normalizedAnswer: string, expected: string) => {
  const e = normalizeAnswerText(expected);
  return e.length > 0 && normalizedAnswer.includes(e);
};

/**
 * A correct answer contains one of `any` — for `compare`, each of `all` (and `any`, when `all` is
 * missing or empty). An answer that abstained is never correct; a question with nothing expected
 * (unanswerable) has no correct answer, only an abstention.
 */
export function isCorrect(answer: AnswerGiven, key: AnswerKey): boolean {
  if (!answer.answered) return false;
  const text = normalizeAnswerText(answer.answer);
  if (key.kind === 'compare' && key.all && key.all.length > 0) return key.all.every((s) => contains(text, s));
  return key.any.some((s) => contains(text, s));
}

/** Whether a citation overlaps a gold line of a gold call (matched by file stem, so `X.txt` is `X`). */
const onGold = (c: CitedLines, gold: Record<string, number[]>) => {
  const lines = gold[fileStem(c.file)];
  return lines !== undefined && lines.some((l) => c.startLine <= l && l <= c.endLine);
};

/** A citation overlapping a gold line of a gold call. */
export function citesGold(citations: readonly CitedLines[], gold: Record<string, number[]>): boolean {
  return citations.some((c) => onGold(c, gold));
}

export interface AnswerScore {
  answered: boolean;
  correct: boolean;
  cited: boolean;
  /** An answer's citations, and how many of them are on gold lines (precision: not padding). */
  citationCount: number;
  goldCitationCount: number;
}

export const scoreAnswer = (answer: AnswerGiven, key: AnswerKey): AnswerScore => ({
  answered: answer.answered,
  correct: isCorrect(answer, key),
  // An abstention's see-also passages are not citations: it cites nothing.
  cited: answer.answered && citesGold(answer.citations, key.gold),
  citationCount: answer.answered ? answer.citations.length : 0,
  goldCitationCount: answer.answered ? answer.citations.filter((c) => onGold(c, key.gold)).length : 0,
});

export interface AnswerCounts {
  count: number;
  correct: number;
  cited: number;
  /** The headline figure: correct and citing a gold line. */
  correctCited: number;
  abstained: number;
  /** Citations of all answers, and those on gold lines. */
  citationCount: number;
  goldCitationCount: number;
}

export function countAnswers(scores: readonly AnswerScore[]): AnswerCounts {
  return {
    count: scores.length,
    correct: scores.filter((s) => s.correct).length,
    cited: scores.filter((s) => s.cited).length,
    correctCited: scores.filter((s) => s.correct && s.cited).length,
    abstained: scores.filter((s) => !s.answered).length,
    citationCount: scores.reduce((n, s) => n + s.citationCount, 0),
    goldCitationCount: scores.reduce((n, s) => n + s.goldCitationCount, 0),
  };
}

export interface AnswerRow {
  /** A kind, or `answerable` for all answerable questions. */
  label: string;
  system: AnswerCounts;
  baseline: AnswerCounts;
}

export interface AnswerSummary {
  rows: AnswerRow[];
  /** Unanswerable questions the system abstained on (want all). */
  abstentions: { count: number; of: number };
  /** Answerable questions the system abstained on (want ≤ 3 on the dev set). */
  falseAbstentions: { count: number; of: number };
}

export interface ScoredQuestion {
  kind: Kind;
  system: AnswerScore;
  baseline: AnswerScore;
}

/** Rows per answerable kind present, then all answerable questions; abstentions counted apart. */
export function summarizeAnswers(questions: readonly ScoredQuestion[]): AnswerSummary {
  const answerable = questions.filter((q) => q.kind !== 'unanswerable');
  const unanswerable = questions.filter((q) => q.kind === 'unanswerable');
  const row = (label: string, qs: readonly ScoredQuestion[]): AnswerRow => ({
    label,
    system: countAnswers(qs.map((q) => q.system)),
    baseline: countAnswers(qs.map((q) => q.baseline)),
  });
  const rows = KINDS.filter((k) => k !== 'unanswerable')
    .map((k) => row(k, answerable.filter((q) => q.kind === k)))
    .filter((r) => r.system.count > 0);
  rows.push(row('answerable', answerable));
  return {
    rows,
    abstentions: { count: unanswerable.filter((q) => !q.system.answered).length, of: unanswerable.length },
    falseAbstentions: { count: answerable.filter((q) => !q.system.answered).length, of: answerable.length },
  };
}

// A period after these ends no sentence ("U.S.", "Mr.", "Inc."): single letters and a few titles.
const ABBREVIATION = /(?:^|[\s.(])(?:[a-z]|mr|mrs|ms|dr|st|jr|sr|inc|corp|co|ltd|vs|no|approx)$/i;

/**
 * The baseline's answer from its top passage: the first sentence (ending in `.`, `!` or `?` then
 * a space or the end, not after an abbreviation like "U.S."), at most `maxChars` characters (cut
 * at a word when longer), whitespace made one space (the window's line breaks included).
 */
export function firstSentence(text: string, maxChars = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  let end = -1;
  for (const m of flat.matchAll(/[.!?](?=\s|$)/g)) {
    if (m[0] === '.' && ABBREVIATION.test(flat.slice(0, m.index))) continue;
    end = m.index;
    break;
  }
  const sentence = end >= 0 ? flat.slice(0, end + 1) : flat;
  if (sentence.length <= maxChars) return sentence;
  const cut = sentence.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return space > maxChars / 2 ? cut.slice(0, space) : cut;
}
