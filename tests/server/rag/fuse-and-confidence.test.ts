import { describe, expect, it } from 'vitest';
import { coverageConfidence } from '../../../server/rag/confidence.ts';
import { fuseRankings } from '../../../server/rag/fuse.ts';

describe('fuseRankings', () => {
  it('rewards documents ranked well by both lists', () => {
    const fused = fuseRankings([
      { hits: [{ ordinal: 1, score: 9 }, { ordinal: 2, score: 5 }], weight: 1 },
      { hits: [{ ordinal: 2, score: 0.9 }, { ordinal: 3, score: 0.8 }], weight: 1 },
    ]);
    const order = [...fused].sort((a, b) => b[1] - a[1]).map(([o]) => o);
    expect(order[0]).toBe(2);
    expect(fused.get(1)).toBeCloseTo(1 / 61);
  });
});

describe('coverageConfidence', () => {
  const idf = (t: string) => ({ revenu: 1, growth: 1, metavers: 5 })[t] ?? 5;
  it('is high when one chunk holds the query terms', () => {
    expect(coverageConfidence(['revenu', 'growth'], [new Set(['revenu', 'growth'])], idf)).toBe(1);
  });
  it('is low when the rare term is missing everywhere', () => {
    expect(coverageConfidence(['metavers', 'revenu'], [new Set(['revenu']), new Set(['growth'])], idf)).toBeCloseTo(1 / 6);
  });
  it('takes the best single chunk, not the union', () => {
    expect(coverageConfidence(['revenu', 'growth'], [new Set(['revenu']), new Set(['growth'])], idf)).toBe(0.5);
  });
  it('is zero with no terms or no chunks', () => {
    expect(coverageConfidence([], [new Set(['x'])], idf)).toBe(0);
    expect(coverageConfidence(['x'], [], idf)).toBe(0);
  });
});
