import { mkdtemp, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentsOf } from '../../../ingest/index-store/dense/graph-segments.ts';
import { openIndex } from '../../../ingest/index-store/read.ts';
import { writeIndex } from '../../../ingest/index-store/write.ts';
import type { IndexData, OpenIndex } from '../../../ingest/index-store/types.ts';
import { syntheticIndexData } from './synthetic-index.ts';

// An exact dense search scans what the filter allows and never walks the graph, which the index
// loads only when a search does walk it.
describe('exact dense search, graphs loaded when first walked', () => {
  let dir: string;
  let data: IndexData;
  // Opened with no exact scan of an unfiltered search (policy 0): the graph, unless asked for exact.
  let held: OpenIndex;
  let onDisk: OpenIndex;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'index-store-exact-'));
    data = syntheticIndexData({ calls: 10, chunksPerCall: 60, dim: 24, seed: 5 });
    await writeIndex(dir, data);
    const noScan = { maxChunks: 0, maxFraction: 0 };
    held = await openIndex(dir, { exactScan: noScan });
    onDisk = await openIndex(dir, { exactScan: noScan, vectorsInMemoryUpTo: 0 });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const query = () => data.vectors[3];
  const byCosine = (ordinals: number[]) =>
    ordinals
      .map((o) => ({ o, s: dot(query(), data.vectors[o]) }))
      .sort((a, b) => b.s - a.s || a.o - b.o)
      .map(({ o }) => o);

  it('scans every chunk the filter allows, whether the vectors are held or read from the file', () => {
    const all = data.vectors.map((_, o) => o);
    const odd = (o: number) => o % 2 === 1;
    for (const index of [held, onDisk]) {
      const hits = index.dense(query(), 8, undefined, true);
      expect(hits.map((h) => h.ordinal)).toEqual(byCosine(all).slice(0, 8));
      expect(hits[0]).toEqual({ ordinal: 3, score: expect.closeTo(dot(query(), data.vectors[3]), 5) });
      expect(index.dense(query(), 8, odd, true).map((h) => h.ordinal)).toEqual(byCosine(all.filter(odd)).slice(0, 8));
    }
    expect([held.denseScansWhole, onDisk.denseScansWhole]).toEqual([false, false]);
  });

  it('an index small enough is scanned exactly without being asked, never the graph', async () => {
    const small = await openIndex(dir);
    expect(small.denseScansWhole).toBe(true);
    const hits = small.dense(query(), 10);
    expect(hits.map((h) => h.ordinal)).toEqual(byCosine(data.vectors.map((_, o) => o)).slice(0, 10));
  });

  it('opens without reading its graphs: a damaged graph is reported by the first search that walks it', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'index-store-damaged-graph-'));
    try {
      await writeIndex(copy, data);
      const index = await openIndex(copy, { exactScan: { maxChunks: 0, maxFraction: 0 } });
      const { dir: generation, manifest } = index;
      await truncate(join(generation, segmentsOf(manifest)[0].file), 100);
      expect(index.dense(query(), 3, undefined, true).map((h) => h.ordinal)).toEqual(byCosine(data.vectors.map((_, o) => o)).slice(0, 3));
      expect(() => index.dense(query(), 3)).toThrow(expect.objectContaining({ code: 'corrupt', message: expect.stringMatching(/damaged/) }));
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
