import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../ingest/text/analyze.ts';
import { openIndex } from '../../../ingest/index-store/read.ts';
import { writeIndex } from '../../../ingest/index-store/write.ts';
import type { IndexData, OpenIndex } from '../../../ingest/index-store/types.ts';
import { syntheticIndexData } from './synthetic-index.ts';

describe('filters are applied inside the search', () => {
  let dir: string;
  let data: IndexData;
  let exact: OpenIndex;
  /** Same index, but every filtered dense search goes through hnswlib's filtered graph walk. */
  let graph: OpenIndex;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'index-store-filter-'));
    data = syntheticIndexData({ calls: 10, chunksPerCall: 60, dim: 24, seed: 11 });
    await writeIndex(dir, data);
    exact = await openIndex(dir);
    graph = await openIndex(dir, { exactScan: { maxChunks: 0, maxFraction: 0 } });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const query = () => data.vectors[0];
  const commonTerms = () => analyze('revenue margin guidance cloud company speaker');

  it('a filter matching one chunk returns exactly that chunk, dense and lexical', () => {
    const only = 437;
    const onlyThis = (o: number) => o === only;
    for (const index of [exact, graph]) {
      const hits = index.dense(query(), 10, onlyThis);
      expect(hits.map((h) => h.ordinal)).toEqual([only]);
      expect(hits[0].score).toBeCloseTo(dot(data.vectors[0], data.vectors[only]), 5);
    }
    expect(exact.lexical(commonTerms(), 10, onlyThis).map((h) => h.ordinal)).toEqual([only]);
  });

  it('a filter matching nothing returns nothing', () => {
    const none = () => false;
    expect(exact.dense(query(), 10, none)).toEqual([]);
    expect(graph.dense(query(), 10, none)).toEqual([]);
    expect(exact.lexical(commonTerms(), 10, none)).toEqual([]);
  });

  it('a selective filter still fills k (the filter runs before the top-k cut)', () => {
    const oneCall = (o: number) => data.chunks[o].callId === 'call_007';
    for (const index of [exact, graph]) {
      const hits = index.dense(query(), 20, oneCall);
      expect(hits).toHaveLength(20);
      expect(hits.every((h) => oneCall(h.ordinal))).toBe(true);
    }
    const lexical = exact.lexical(commonTerms(), 20, oneCall);
    expect(lexical).toHaveLength(20);
    expect(lexical.every((h) => oneCall(h.ordinal))).toBe(true);
  });

  it('exact scan and graph search agree on the best filtered chunks', () => {
    const half = (o: number) => o % 2 === 1;
    const brute = data.vectors
      .map((v, o) => ({ o, s: dot(query(), v) }))
      .filter(({ o }) => half(o))
      .sort((a, b) => b.s - a.s)
      .slice(0, 5)
      .map(({ o }) => o);
    expect(exact.dense(query(), 5, half).map((h) => h.ordinal)).toEqual(brute);
    expect(graph.dense(query(), 5, half).map((h) => h.ordinal)).toEqual(brute);
  });

  it('a throwing filter does not leave scores behind for the next query', () => {
    const boom = () => {
      throw new Error('boom');
    };
    const before = exact.lexical(commonTerms(), 5);
    expect(() => exact.lexical(commonTerms(), 5, boom)).toThrow('boom');
    expect(exact.lexical(commonTerms(), 5)).toEqual(before);
  });
});

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
