import { describe, expect, it } from 'vitest';
import { turnPassages } from '../../../../server/rag/retrieval/turn-passages.ts';

// Made-up layout: turn A = ordinals 0..5 (a long prepared-remarks turn), turn B = 6..7.
const turnOf = (o: number) => (o <= 5 ? 'A' : 'B');
const policy = { ratio: 0.8, maxParts: 3 };

describe('turnPassages', () => {
  const ranked = [
    { ordinal: 1, score: 10 },
    { ordinal: 2, score: 9 },
    { ordinal: 5, score: 7 },
    { ordinal: 6, score: 6 },
    { ordinal: 4, score: 1 },
  ];

  it('gives one passage per turn when repeat is 0, widened to close neighbours', () => {
    const out = turnPassages(ranked, turnOf, policy, 0, 10);
    expect(out.map((p) => [p.lo, p.hi, p.score])).toEqual([
      [1, 2, 10],
      [6, 6, 6],
    ]);
  });

  it('lets a far part of a long turn rank on its own score when repeat is 1', () => {
    const out = turnPassages(ranked, turnOf, policy, 1, 10);
    expect(out.map((p) => [p.lo, p.hi, p.score])).toEqual([
      [1, 2, 10],
      [5, 5, 7],
      [6, 6, 6],
      [4, 4, 1],
    ]);
  });

  it('discounts a turn\'s later passages by repeat per earlier passage, and ranks them so', () => {
    const out = turnPassages(ranked, turnOf, policy, 0.5, 10);
    expect(out.map((p) => [p.lo, p.hi, p.score])).toEqual([
      [1, 2, 10],
      [6, 6, 6],
      [5, 5, 3.5],
      [4, 4, 0.25],
    ]);
  });

  it('never overlaps passages: a widening that would swallow an earlier one is dropped', () => {
    // 3 is best; 2 and 4 sit on both sides but 4 is covered first by a span with 5.
    const out = turnPassages(
      [
        { ordinal: 4, score: 10 },
        { ordinal: 5, score: 9 },
        { ordinal: 2, score: 8 },
        { ordinal: 3, score: 2 },
      ],
      turnOf,
      { ratio: 0.1, maxParts: 3 },
      1,
      10,
    );
    const spans = out.map((p) => [p.lo, p.hi]);
    expect(spans[0]).toEqual([3, 5]);
    expect(spans[1]).toEqual([2, 2]);
  });

  it('gives the same passages whatever key stands for a turn (retrieve numbers them)', () => {
    for (const repeat of [0, 0.5, 1]) expect(turnPassages(ranked, (o) => (o <= 5 ? 0 : 1), policy, repeat, 10)).toEqual(turnPassages(ranked, turnOf, policy, repeat, 10));
  });

  it('stops at want', () => {
    expect(turnPassages(ranked, turnOf, policy, 1, 2)).toHaveLength(2);
    expect(turnPassages(ranked, turnOf, policy, 0.5, 1)).toHaveLength(1);
  });
});
