import { describe, expect, it } from 'vitest';
import { smoothByNeighbours } from '../../../../server/rag/retrieval/neighbour-smoothing.ts';

describe('smoothByNeighbours', () => {
  // Ordinals 0–4 are one call, 5–6 another.
  const sameCall = (a: number, b: number) => b >= 0 && b <= 6 && (a < 5) === (b < 5);
  const hit = (ordinal: number, score: number) => ({ ordinal, score, matched: [] });

  it('ranks a unit inside a discussion of the subject above a stronger passing mention', () => {
    const hits = [hit(0, 3), hit(2, 2.5), hit(3, 1.5), hit(4, 1)];
    expect(smoothByNeighbours(hits, sameCall, 0.5).map((h) => h.ordinal)).toEqual([2, 3, 0, 4]);
  });

  it('does not borrow from a unit of another call, and changes nothing at weight 0', () => {
    const hits = [hit(4, 1), hit(5, 4)];
    expect(smoothByNeighbours(hits, sameCall, 0.5).map((h) => h.score)).toEqual([4, 1]);
    expect(smoothByNeighbours([hit(0, 1), hit(1, 2)], sameCall, 0).map((h) => h.ordinal)).toEqual([1, 0]);
  });
});
