import { describe, expect, it } from 'vitest';
import { KthValue, TopK } from '../../../ingest/index-store/top-k.ts';

describe('KthValue', () => {
  it('gives the k-th best value pushed so far, as TopK.threshold does, −∞ until k are', () => {
    let seed = 5;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const k = Math.floor(random() * 12);
      const kth = new KthValue(k);
      const top = new TopK(k);
      const n = Math.floor(random() * 60);
      for (let i = 0; i < n; i++) {
        // Few distinct values: ties are common.
        const v = Math.floor(random() * 8) / 4;
        kth.push(v);
        top.push(i, v);
        expect(kth.threshold()).toBe(top.threshold());
      }
    }
  });
});
