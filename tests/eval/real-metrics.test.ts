import { describe, expect, it } from 'vitest';
import { goldLineRank, spanRank, summarizeRanks, type Passage } from './real/metrics.ts';

const p = (stem: string, startLine: number, endLine: number, lines?: number[]): Passage => ({ stem, startLine, endLine, lines });

describe('goldLineRank', () => {
  const results = [p('ACME_q1_2021', 1, 5), p('ACME_q2_2021', 10, 20, [10, 14, 20]), p('ACME_q1_2021', 30, 40)];

  it('ranks the first passage holding a gold line of any gold file', () => {
    expect(goldLineRank(results, { ACME_q1_2021: [35] }, 'any')).toBe(3);
    expect(goldLineRank(results, { ACME_q1_2021: [35], ACME_q2_2021: [14] }, 'any')).toBe(2);
  });

  it('uses the exact lines of a passage when it has them, its range otherwise', () => {
    expect(goldLineRank(results, { ACME_q2_2021: [12] }, 'any')).toBeUndefined();
    expect(goldLineRank(results, { ACME_q1_2021: [5] }, 'any')).toBe(1);
  });

  it('needs the right file, not just the line number', () => {
    expect(goldLineRank(results, { OTHER_q1_2021: [3] }, 'any')).toBeUndefined();
  });

  it('for comparisons, covers every gold file and ranks at the last one covered', () => {
    expect(goldLineRank(results, { ACME_q1_2021: [3], ACME_q2_2021: [20] }, 'all')).toBe(2);
    expect(goldLineRank(results, { ACME_q1_2021: [3], ACME_q3_2021: [1] }, 'all')).toBeUndefined();
  });

  it('finds nothing for a question without gold', () => {
    expect(goldLineRank(results, {}, 'any')).toBeUndefined();
    expect(goldLineRank(results, {}, 'all')).toBeUndefined();
  });
});

describe('spanRank', () => {
  it('counts an inclusive overlap with any span, in the right file', () => {
    const results = [p('M1', 1, 9), p('M2', 10, 19), p('M1', 10, 19), p('M1', 20, 20, [20])];
    expect(spanRank(results, 'M1', [[19, 25]])).toBe(3);
    expect(spanRank(results, 'M1', [[9, 9]])).toBe(1);
    expect(spanRank(results, 'M1', [[20, 22]])).toBe(4);
    expect(spanRank(results, 'M1', [[30, 40]])).toBeUndefined();
  });
});

describe('summarizeRanks', () => {
  it('gives hit@5 and MRR@10, misses and ranks beyond 10 counting 0', () => {
    const s = summarizeRanks([1, 2, 6, undefined, 11]);
    expect(s.count).toBe(5);
    expect(s.at5).toBeCloseTo(2 / 5);
    expect(s.mrr10).toBeCloseTo((1 + 1 / 2 + 1 / 6) / 5);
  });

  it('is zero on an empty set', () => {
    expect(summarizeRanks([])).toEqual({ count: 0, at5: 0, mrr10: 0 });
  });
});
