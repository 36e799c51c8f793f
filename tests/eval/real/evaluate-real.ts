import { scoreAnswer, summarizeAnswers, type Answerer, type AnswerScore, type AnswerSummary, type CitedLines } from './answer-metrics.ts';
import { goldLineRank, spanRank, summarizeRanks, type Passage, type RankSummary } from './metrics.ts';
import { fileStem, KINDS, type Kind, type LibraryQuestion, type MeetingQuestion, type SilverQuestion } from './real-sets.ts';

// Runs one real set through the system and the baseline side by side. Searchers are injected so
// the same code measures the product (CLI) and tiny fixtures (unit tests).

/** Top results for a query; `withinFile` restricts the search to that file (relative name). */
export type Search = (query: string, withinFile?: string) => Promise<{ results: Passage[]; covered?: boolean }>;

export interface Outcome {
  id: string;
  kind?: Kind;
  /** 1-based rank of the hit (see metrics.ts), undefined when missed in the top 10. */
  rank?: number;
  baselineRank?: number;
  covered?: boolean;
  /** The system's top 3, to see what it found instead (--show-misses). */
  top: Passage[];
  /** Whole-library set with answers: how each answerer did on this question. */
  answer?: AnswerOutcome;
}

export interface AnswerOutcome {
  system: AnswerScore & { text: string; citations: CitedLines[] };
  baseline: AnswerScore;
}

export interface Row {
  label: string;
  system: RankSummary;
  baseline: RankSummary;
}

export interface SetReport {
  name: string;
  source: string;
  /** What the top-5 share is called for this set: hit@5 over a library, recall@5 within a file. */
  at5Name: 'hit@5' | 'recall@5';
  outcomes: Outcome[];
  rows: Row[];
  /** Whole-library set only: questions below the "not covered" threshold. */
  notCovered?: { unanswerable: number; unanswerableCount: number; answerable: number; answerableCount: number };
  /** Whole-library set with answers: correct / cited / abstained, system beside the baseline. */
  answers?: AnswerSummary;
}

/** The two answerers measured on the whole-library set. */
export interface Answerers {
  system: Answerer;
  baseline: Answerer;
}

const DEPTH = 10;

async function run<Q extends { id: string; q: string }>(
  questions: Q[],
  system: Search,
  baseline: Search,
  scope: (q: Q) => string | undefined,
  rankOf: (q: Q, results: Passage[]) => number | undefined,
): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const q of questions) {
    const within = scope(q);
    const [sys, base] = [await system(q.q, within), await baseline(q.q, within)];
    out.push({
      id: q.id,
      rank: rankOf(q, sys.results.slice(0, DEPTH)),
      baselineRank: rankOf(q, base.results.slice(0, DEPTH)),
      covered: sys.covered,
      top: sys.results.slice(0, 3),
    });
  }
  return out;
}

const row = (label: string, outcomes: Outcome[]): Row => ({
  label,
  system: summarizeRanks(outcomes.map((o) => o.rank)),
  baseline: summarizeRanks(outcomes.map((o) => o.baselineRank)),
});

/** Questions over the whole library: any gold call counts, except comparisons which need each of theirs. */
export async function evaluateLibrary(
  questions: LibraryQuestion[],
  system: Search,
  baseline: Search,
  source: string,
  answerers?: Answerers,
): Promise<SetReport> {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const outcomes: Outcome[] = (
    await run(questions, system, baseline, () => undefined, (q, results) =>
      q.kind === 'unanswerable' ? undefined : goldLineRank(results, q.gold, q.kind === 'compare' ? 'all' : 'any'),
    )
  ).map((o) => ({ ...o, kind: byId.get(o.id)!.kind }));
  if (answerers) {
    for (const o of outcomes) o.answer = await answerOne(byId.get(o.id)!, answerers);
  }
  const answerable = outcomes.filter((o) => o.kind !== 'unanswerable');
  const unanswerable = outcomes.filter((o) => o.kind === 'unanswerable');
  const rows = KINDS.filter((k) => k !== 'unanswerable')
    .map((k) => row(k, answerable.filter((o) => o.kind === k)))
    .filter((r) => r.system.count > 0);
  rows.push(row('answerable', answerable));
  return {
    name: 'whole-library questions',
    source,
    at5Name: 'hit@5',
    outcomes,
    rows,
    notCovered: {
      unanswerable: unanswerable.filter((o) => o.covered === false).length,
      unanswerableCount: unanswerable.length,
      answerable: answerable.filter((o) => o.covered === false).length,
      answerableCount: answerable.length,
    },
    ...(answerers && { answers: summarizeAnswers(outcomes.map((o) => ({ kind: o.kind!, ...o.answer! }))) }),
  };
}

async function answerOne(q: LibraryQuestion, answerers: Answerers): Promise<AnswerOutcome> {
  const [sys, base] = [await answerers.system(q.q), await answerers.baseline(q.q)];
  const citations = sys.citations.map(({ file, startLine, endLine }) => ({ file, startLine, endLine }));
  return { system: { ...scoreAnswer(sys, q), text: sys.answer, citations }, baseline: scoreAnswer(base, q) };
}

/** Summary bullets, each searched inside its own call. */
export async function evaluateSilver(questions: SilverQuestion[], system: Search, baseline: Search, source: string): Promise<SetReport> {
  const outcomes = await run(questions, system, baseline, (q) => q.file, (q, results) => goldLineRank(results, q.gold, 'any'));
  return { name: 'silver bullets (within their call)', source, at5Name: 'recall@5', outcomes, rows: [row('all', outcomes)] };
}

/** Meeting queries, each searched inside its own meeting; a hit overlaps an annotated span. */
export async function evaluateMeetings(questions: MeetingQuestion[], system: Search, baseline: Search, source: string): Promise<SetReport> {
  const outcomes = await run(questions, system, baseline, (q) => q.file, (q, results) => spanRank(results, fileStem(q.file), q.spans as [number, number][]));
  return { name: 'meeting queries (within their meeting)', source, at5Name: 'recall@5', outcomes, rows: [row('all', outcomes)] };
}
