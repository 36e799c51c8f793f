// Rank-based retrieval metrics on real sets. Pure: results in, numbers out.

/** A retrieved passage of one file (by stem, e.g. `AEE_q2_2021`): its source lines, or its inclusive range. */
export interface Passage {
  stem: string;
  startLine: number;
  endLine: number;
  /** The exact source lines it holds (product chunks); when absent the whole range counts. */
  lines?: number[];
}

const holds = (p: Passage, line: number) => (p.lines ? p.lines.includes(line) : p.startLine <= line && line <= p.endLine);

const overlaps = (p: Passage, [from, to]: [number, number]) =>
  p.lines ? p.lines.some((l) => from <= l && l <= to) : p.startLine <= to && from <= p.endLine;

/** Ranks are 1-based; undefined means no hit within the results given. */
const firstRank = (results: Passage[], isHit: (p: Passage) => boolean): number | undefined => {
  const i = results.findIndex(isHit);
  return i < 0 ? undefined : i + 1;
};

/**
 * Rank at which the gold evidence is found. `any`: the first result holding a gold line of any
 * gold file. `all` (comparisons): every gold file needs such a result, so the rank is the one at
 * which the last of them is covered.
 */
export function goldLineRank(results: Passage[], gold: Record<string, number[]>, mode: 'any' | 'all'): number | undefined {
  const perFile = Object.entries(gold).map(([stem, lines]) => firstRank(results, (p) => p.stem === stem && lines.some((l) => holds(p, l))));
  if (perFile.length === 0) return undefined;
  if (mode === 'all') return perFile.some((r) => r === undefined) ? undefined : Math.max(...(perFile as number[]));
  const found = perFile.filter((r): r is number => r !== undefined);
  return found.length ? Math.min(...found) : undefined;
}

/** Rank of the first result of the file whose lines overlap an (inclusive) span. */
export const spanRank = (results: Passage[], stem: string, spans: [number, number][]): number | undefined =>
  firstRank(results, (p) => p.stem === stem && spans.some((s) => overlaps(p, s)));

export interface RankSummary {
  count: number;
  /** Share of questions with a hit in the top 5 (hit@5 / recall@5). */
  at5: number;
  /** Mean reciprocal rank of the first hit within the top 10 (0 beyond). */
  mrr10: number;
}

export function summarizeRanks(ranks: (number | undefined)[]): RankSummary {
  const count = ranks.length;
  if (count === 0) return { count, at5: 0, mrr10: 0 };
  const at5 = ranks.filter((r) => r !== undefined && r <= 5).length / count;
  const mrr10 = ranks.reduce<number>((s, r) => s + (r !== undefined && r <= 10 ? 1 / r : 0), 0) / count;
  return { count, at5, mrr10 };
}
