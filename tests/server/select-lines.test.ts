import { describe, expect, it } from 'vitest';
import { selectLines } from '../../server/routes/calls/select-lines.ts';

const lines = [2, 3, 5, 8, 13].map((n) => ({ n, text: `line ${n}` }));
const ns = (r: { lines: { n: number }[] }) => r.lines.map((l) => l.n);

describe('selectLines', () => {
  it('keeps lines whose number falls inside the inclusive range', () => {
    const r = selectLines(lines, 3, 8);
    expect(ns(r)).toEqual([3, 5, 8]);
    expect(r.nextFrom).toBe(13);
  });

  it('handles bounds that fall between line numbers', () => {
    expect(ns(selectLines(lines, 4, 12))).toEqual([5, 8]);
    expect(selectLines(lines, 6, 7).lines).toEqual([]);
  });

  it('has no next page at the end, and an empty page past it', () => {
    expect(selectLines(lines, 1, 100)).toEqual({ lines, nextFrom: undefined });
    expect(selectLines(lines, 14, 20)).toEqual({ lines: [], nextFrom: undefined });
  });
});
