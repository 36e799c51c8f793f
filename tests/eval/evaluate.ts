import type { OpenIndex } from '../../ingest/index-store/types.ts';
import type { Retriever } from '../../server/rag/retrieval/retrieve.ts';

export interface EvalQuestion {
  id: string;
  q: string;
  gold: Record<string, number[]>;
  any: string[];
}

export interface EvalSet {
  files: Record<string, string>;
  questions: EvalQuestion[];
}

export interface QuestionResult {
  id: string;
  question: string;
  answerable: boolean;
  /** 1-based rank of the first result covering a gold line, or undefined. */
  firstHit?: number;
  recallAt1: number;
  recallAt5: number;
  /** Share of the gold turns (turns holding a gold line) found in the top 5. */
  evidenceAt5: number;
  mrrAt10: number;
  ndcgAt10: number;
  confidence: number;
  covered: boolean;
}

export interface EvalReport {
  questions: QuestionResult[];
  answerable: { count: number; recallAt1: number; recallAt5: number; evidenceAt5: number; mrrAt10: number; ndcgAt10: number; notCovered: number };
  unanswerable: { count: number; notCovered: number };
}

type GoldLine = { file: string; line: number };

const covers = (r: { file: string; startLine: number; endLine: number }, g: GoldLine) =>
  r.file === g.file && r.startLine <= g.line && g.line <= r.endLine;

/**
 * Retrieval quality on an eval set. A result is a hit when its [startLine, endLine] in the same
 * file covers a gold line; recall@k is the share of answerable questions with a hit in the top k.
 */
export async function evaluateRetrieval(set: EvalSet, index: OpenIndex, retrieve: Retriever): Promise<EvalReport> {
  const out: QuestionResult[] = [];
  for (const q of set.questions) {
    const gold: GoldLine[] = Object.entries(q.gold).flatMap(([key, lines]) => lines.map((line) => ({ file: set.files[key], line })));
    const retrieval = await retrieve(q.q, { k: 10 });
    const hits = retrieval.results.map((r) => gold.some((g) => covers(r.chunk, g)));
    const firstHit = hits.indexOf(true) + 1 || undefined;
    const goldTurns = new Set(
      gold.map((g) => index.chunks.find((c) => covers(c, g))?.turnId).filter((t): t is string => t !== undefined),
    );
    const foundTurns = new Set(retrieval.results.slice(0, 5).filter((_, i) => hits[i]).map((r) => r.chunk.turnId));
    const dcg = hits.reduce((sum, hit, i) => sum + (hit ? 1 / Math.log2(i + 2) : 0), 0);
    const ideal = Array.from({ length: Math.min(10, goldTurns.size) }, (_, i) => 1 / Math.log2(i + 2)).reduce((a, b) => a + b, 0);
    out.push({
      id: q.id,
      question: q.q,
      answerable: gold.length > 0,
      firstHit,
      recallAt1: firstHit === 1 ? 1 : 0,
      recallAt5: firstHit !== undefined && firstHit <= 5 ? 1 : 0,
      evidenceAt5: goldTurns.size ? [...goldTurns].filter((t) => foundTurns.has(t)).length / goldTurns.size : 0,
      mrrAt10: firstHit !== undefined ? 1 / firstHit : 0,
      ndcgAt10: ideal ? dcg / ideal : 0,
      confidence: retrieval.confidence,
      covered: retrieval.covered,
    });
  }
  const answerable = out.filter((r) => r.answerable);
  const unanswerable = out.filter((r) => !r.answerable);
  const mean = (f: (r: QuestionResult) => number) => (answerable.length ? answerable.reduce((s, r) => s + f(r), 0) / answerable.length : 0);
  return {
    questions: out,
    answerable: {
      count: answerable.length,
      recallAt1: mean((r) => r.recallAt1),
      recallAt5: mean((r) => r.recallAt5),
      evidenceAt5: mean((r) => r.evidenceAt5),
      mrrAt10: mean((r) => r.mrrAt10),
      ndcgAt10: mean((r) => r.ndcgAt10),
      notCovered: answerable.filter((r) => !r.covered).length,
    },
    unanswerable: { count: unanswerable.length, notCovered: unanswerable.filter((r) => !r.covered).length },
  };
}

export function formatReport(report: EvalReport): string {
  const f = (n: number) => n.toFixed(3);
  const rows = report.questions.map(
    (r) =>
      `| ${r.id} | ${r.answerable ? (r.firstHit ?? '-') : 'n/a'} | ${r.answerable ? `${r.recallAt1} | ${r.recallAt5} | ${f(r.evidenceAt5)} | ${f(r.mrrAt10)} | ${f(r.ndcgAt10)}` : '- | - | - | - | -'} | ${f(r.confidence)} ${r.covered ? '' : '(not covered)'} | ${r.question} |`,
  );
  const a = report.answerable;
  return [
    '| id | first hit | R@1 | R@5 | evidence@5 | MRR@10 | nDCG@10 | confidence | question |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `answerable (${a.count}): recall@1 ${f(a.recallAt1)}, recall@5 ${f(a.recallAt5)}, evidence@5 ${f(a.evidenceAt5)}, MRR@10 ${f(a.mrrAt10)}, nDCG@10 ${f(a.ndcgAt10)}, below "not covered": ${a.notCovered}`,
    `unanswerable (${report.unanswerable.count}): below "not covered": ${report.unanswerable.notCovered}/${report.unanswerable.count}`,
  ].join('\n');
}
