import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../ingest/text/analyze.ts';
import { createCallScopes, createScopedBm25 } from '../../../../server/rag/retrieval/scoped-bm25.ts';

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

// The scope's own statistics, computed the plain way: df by looking at every chunk, parts added in query order.
function reference(docs: string[][], terms: string[], ordinals: number[], k: number, filter?: (o: number) => boolean) {
  const query = [...new Set(terms)];
  const tf = (o: number, t: string) => docs[o].filter((x) => x === t).length;
  const n = ordinals.length;
  const avg = ordinals.reduce((s, o) => s + docs[o].length, 0) / n || 1;
  const idf = new Map<string, number>();
  for (const t of query) {
    const df = ordinals.filter((o) => tf(o, t) > 0).length;
    if (df > 0) idf.set(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }
  return ordinals
    .filter((o) => !filter || filter(o))
    .map((o) => {
      let score = 0;
      const matched: string[] = [];
      const norm = 1.2 * (1 - 0.75 + (0.75 * docs[o].length) / avg);
      for (const [t, w] of idf) {
        const f = tf(o, t);
        if (!f) continue;
        score += (w * f * 2.2) / (f + norm);
        matched.push(t);
      }
      return { ordinal: o, score, matched };
    })
    .filter((h) => h.score > 0)
    .sort((x, y) => y.score - x.score || x.ordinal - y.ordinal)
    .slice(0, k);
}

// Made-up documents of Zipf-like words, a random query each round: the search against reference().
function randomRounds(seed: number, documents: number) {
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const word = () => `w${Math.floor(30 * random() ** 2)}`;
  const docs = Array.from({ length: documents }, () => Array.from({ length: Math.floor(random() * 25) }, word));
  const check = (search: ReturnType<typeof createScopedBm25>, ordinals: number[], round: number) => {
    const terms = Array.from({ length: 1 + Math.floor(random() * 5) }, word).concat(round % 9 === 0 ? ['unseen'] : []);
    const k = 1 + Math.floor(random() * 25);
    const filter = round % 4 === 0 ? (o: number) => o % 2 === 0 : undefined;
    expect(search(terms, ordinals, k, filter)).toEqual(reference(docs, terms, ordinals, k, filter));
  };
  return { random, docs, check };
}

describe('createScopedBm25 against the plain computation', () => {
  it('gives the same hits, scores to the last bit, for any scope, filter and k, first search or not', () => {
    const { random, docs, check } = randomRounds(3, 200);
    const searchDocs = createScopedBm25((o) => docs[o], { cacheSize: 50 });
    for (let round = 0; round < 200; round++) {
      const start = Math.floor(random() * 180);
      check(searchDocs, Array.from({ length: 1 + Math.floor(random() * 20) }, (_, i) => start + i), round);
    }
  });
});

describe('createScopedBm25 on a scope searched again (its chunks inverted once)', () => {
  it('gives the plain computation\'s hits, scores to the last bit, at the first search and every later one', () => {
    const { docs, check } = randomRounds(17, 300);
    const searchDocs = createScopedBm25((o) => docs[o], { cacheSize: 80 });
    // The same array objects again and again, as createCallScopes hands out a call's list.
    const scopes = Array.from({ length: 6 }, (_, s) => Array.from({ length: 10 + s * 7 }, (_, i) => s * 45 + i));
    for (let round = 0; round < 300; round++) check(searchDocs, scopes[round % scopes.length], round);
  });
});

describe('createCallScopes', () => {
  const scopeOf = createCallScopes([{ callId: 'a' }, { callId: 'a' }, { callId: 'b' }, { callId: 'c' }, { callId: 'a' }]);
  it('lists the chunks of the calls when they are few enough', () => {
    expect(scopeOf(['a'], 10)).toEqual([0, 1, 4]);
    expect(scopeOf(['b', 'c', 'b'], 10)).toEqual([2, 3]);
  });
  it('hands out the same list object when the same calls come back (the scoped search inverts a list it sees again)', () => {
    expect(scopeOf(['b', 'c'], 10)).toBe(scopeOf(['b', 'c', 'c'], 10));
    expect(scopeOf(['c', 'a'], 10)).toEqual([3, 0, 1, 4]);
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
    const { DEFAULT_TUNING, defaultTuningFor } = await import('../../../../server/rag/retrieval/retrieve.ts');
    const embedder = (id: string) => ({ id, embedDocuments: async () => [], embedQuery: async () => new Float32Array(0) });
    expect(defaultTuningFor(embedder('local:hash-v1:384')).scopedDenseWeight).toBe(0);
    expect(defaultTuningFor(embedder('openai:text-embedding-3-small')).scopedDenseWeight).toBe(DEFAULT_TUNING.denseWeight);
  });
});
