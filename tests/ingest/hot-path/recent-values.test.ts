import { describe, expect, it } from 'vitest';
import { boundedMemo, RecentValues } from '../../../ingest/hot-path/recent-values.ts';

describe('recent values within a budget', () => {
  it('drops the oldest first once the weights pass the budget', () => {
    const kept = new RecentValues<string, string>(6, (v) => v.length);
    kept.set('a', 'aa');
    kept.set('b', 'bb');
    kept.set('c', 'cc');
    expect([kept.get('a'), kept.get('b'), kept.get('c')]).toEqual(['aa', 'bb', 'cc']);
    kept.set('d', 'ddd');
    expect(kept.get('a')).toBeUndefined();
    expect(kept.get('b')).toBeUndefined();
    expect([kept.get('c'), kept.get('d')]).toEqual(['cc', 'ddd']);
  });

  it('keeps the newest value even when it alone is over the budget', () => {
    const kept = new RecentValues<number, string>(2, (v) => v.length);
    kept.set(1, 'x');
    kept.set(2, 'longer than the budget');
    expect(kept.get(1)).toBeUndefined();
    expect(kept.get(2)).toBe('longer than the budget');
    expect(kept.size).toBe(1);
  });

  it('counts a key set again once, at its new weight and as the newest', () => {
    const kept = new RecentValues<string, number>(3);
    kept.set('a', 1);
    kept.set('b', 2);
    kept.set('a', 3);
    kept.set('c', 4);
    expect(kept.size).toBe(3);
    kept.set('d', 5);
    expect(kept.get('b')).toBeUndefined();
    expect([kept.get('a'), kept.get('c'), kept.get('d')]).toEqual([3, 4, 5]);
  });

  it('memoises a computation for the keys kept, and computes a dropped one again', () => {
    let calls = 0;
    const square = boundedMemo(2, (n: number) => (calls++, n * n));
    expect([square(3), square(3), square(4)]).toEqual([9, 9, 16]);
    expect(calls).toBe(2);
    square(5);
    expect(square(3)).toBe(9);
    expect(calls).toBe(4);
  });
});
