import { describe, expect, it } from 'vitest';
import { analyze } from '../../../ingest/text/analyze.ts';
import { createCallScopes, createScopedBm25 } from '../../../server/rag/retrieval/scoped-bm25.ts';

// A made-up call: every chunk carries the call's name in its header, as indexed chunks do.
const texts = [
  'Call: Zentra Q2 2031\n\nOperator: next question please.',
  'Call: Zentra Q2 2031\n\nRevenue grew 4% and net income was $12.1 million, or $0.41 per diluted share.',
  'Call: Zentra Q2 2031\n\nAdjusted earnings per share were $0.47, up from last year, on higher volumes and pricing.',
  'Call: Zentra Q2 2031\n\nWe expect full-year earnings per share of $1.90 to $2.00.',
];
const search = createScopedBm25((o) => analyze(texts[o]));

describe('createScopedBm25', () => {
  it('weights terms by the scope: the call name shared by every chunk counts for nothing, an exact figure most', () => {
    const hits = search(analyze('zentra q2 income $0.41'), [0, 1, 2, 3], 4);
    expect(hits[0].ordinal).toBe(1);
    expect(hits[0].matched).toContain('0.41');
    // The short operator chunk shares only the header terms: it scores little (a real call has a hundred chunks: next to nothing).
    const operator = hits.find((h) => h.ordinal === 0);
    expect(operator === undefined || operator.score < hits[0].score / 5).toBe(true);
  });

  it('searches only the ordinals given, at most k', () => {
    const hits = search(analyze('earnings per share'), [2, 3], 1);
    expect(hits).toHaveLength(1);
    expect([2, 3]).toContain(hits[0].ordinal);
    expect(search(analyze('earnings'), [], 5)).toEqual([]);
    // A filter narrows the hits, not the statistics.
    expect(search(analyze('earnings per share'), [1, 2, 3], 5, (o) => o === 3).map((h) => h.ordinal)).toEqual([3]);
    expect(search([], [0, 1], 5)).toEqual([]);
  });
});

describe('createCallScopes', () => {
  const scopeOf = createCallScopes([{ callId: 'a' }, { callId: 'a' }, { callId: 'b' }, { callId: 'c' }, { callId: 'a' }]);
  it('lists the chunks of the calls when they are few enough', () => {
    expect(scopeOf(['a'], 10)).toEqual([0, 1, 4]);
    expect(scopeOf(['b', 'c', 'b'], 10)).toEqual([2, 3]);
  });
  it('gives undefined without call ids, when switched off, or when the calls hold too many chunks', () => {
    expect(scopeOf(undefined, 10)).toBeUndefined();
    expect(scopeOf([], 10)).toBeUndefined();
    expect(scopeOf(['a'], 0)).toBeUndefined();
    expect(scopeOf(['a', 'b'], 3)).toBeUndefined();
  });
});

describe('defaultTuningFor', () => {
  it('leaves the local hashed vector out inside a call, keeps a learned embedder\'s everywhere', async () => {
    const { DEFAULT_TUNING, defaultTuningFor } = await import('../../../server/rag/retrieval/retrieve.ts');
    const embedder = (id: string) => ({ id, embedDocuments: async () => [], embedQuery: async () => new Float32Array(0) });
    expect(defaultTuningFor(embedder('local:hash-v1:384')).scopedDenseWeight).toBe(0);
    expect(defaultTuningFor(embedder('openai:text-embedding-3-small')).scopedDenseWeight).toBe(DEFAULT_TUNING.denseWeight);
  });
});
