import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../ingest/text/analyze.ts';
import { openIndex } from '../../../ingest/index-store/read.ts';
import { readPreviousIndex } from '../../../ingest/index-store/generations/previous.ts';
import { writeIndex } from '../../../ingest/index-store/write.ts';
import type { IndexData, Manifest, OpenIndex } from '../../../ingest/index-store/types.ts';
import { INDEX_FORMAT_VERSION } from '../../../ingest/index-store/types.ts';
import { markerWord, plainCall, plainChunk, syntheticIndexData } from './synthetic-index.ts';

describe('index store round trip', () => {
  let dir: string;
  let data: IndexData;
  let written: Manifest;
  let index: OpenIndex;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'index-store-'));
    data = syntheticIndexData({ calls: 6, chunksPerCall: 50, dim: 32 });
    written = await writeIndex(dir, data, { M: 12, efConstruction: 100, efSearch: 50 });
    index = await openIndex(dir, { expectEmbedderId: data.embedder.id });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes and reads back the manifest', () => {
    expect(index.manifest).toEqual(written);
    expect(written).toMatchObject({
      formatVersion: INDEX_FORMAT_VERSION,
      embedder: data.embedder,
      chunkCount: 300,
      hnsw: { space: 'cosine', M: 12, efConstruction: 100, efSearch: 50 },
      chunking: { maxTokens: 200 },
      files: data.files,
    });
    expect(Number.isNaN(Date.parse(written.createdAt))).toBe(false);
  });

  it('preserves chunks, calls and vectors exactly', () => {
    expect(index.chunks.map(plainChunk)).toEqual(data.chunks);
    expect(index.calls.map(plainCall)).toEqual(data.calls);
    expect(plainCall(index.callById('call_003')!)).toEqual(data.calls[3]);
    expect(index.callById('nope')).toBeUndefined();
    expect(Array.from(index.vector(123))).toEqual(Array.from(data.vectors[123]));
    expect(() => index.vector(300)).toThrow(RangeError);
  });

  it('finds a chunk by its own vector through the HNSW graph', () => {
    for (const o of [0, 77, 299]) {
      const hits = index.dense(data.vectors[o], 5);
      expect(hits).toHaveLength(5);
      expect(hits[0].ordinal).toBe(o);
      expect(hits[0].score).toBeCloseTo(1, 5);
      expect(hits[1].score).toBeLessThan(hits[0].score);
    }
  });

  it('returns every chunk when k exceeds the index size, and nothing for k = 0', () => {
    expect(index.dense(data.vectors[5], 10_000)).toHaveLength(300);
    expect(index.dense(data.vectors[5], 0)).toEqual([]);
    expect(index.lexical(analyze('revenue'), 0)).toEqual([]);
  });

  it('rejects a query vector of the wrong dimension', () => {
    expect(() => index.dense(new Float32Array(31), 3)).toThrow(/31 dimensions/);
  });

  it('finds a chunk by a word only it contains, with the matched terms', () => {
    const terms = analyze(`guidance ${markerWord(42)}`);
    const hits = index.lexical(terms, 3);
    expect(hits[0].ordinal).toBe(42);
    expect(hits[0].matched).toContain(analyze(markerWord(42))[0]);
    expect(hits.every((h, i) => i === 0 || h.score <= hits[i - 1].score)).toBe(true);
    expect(index.lexical(analyze('qwertyuiopasdf'), 5)).toEqual([]);
  });

  it('ranks rare terms above common ones by idf, unseen terms highest', () => {
    const rare = analyze(markerWord(42))[0];
    const common = analyze('company')[0];
    expect(index.idf(rare)).toBeGreaterThan(index.idf(common));
    expect(index.idf('never-seen-term')).toBeGreaterThan(index.idf(rare));
    expect(Number.isFinite(index.idf('never-seen-term'))).toBe(true);
  });

  it('hands the previous index to an incremental ingest grouped by file', async () => {
    const previous = await readPreviousIndex(dir);
    expect(previous?.manifest).toEqual(written);
    const file = previous!.files.get('calls/call_002.txt')!;
    expect(file.entry).toEqual(data.files[2]);
    expect(file.firstOrdinal).toBe(100);
    expect(plainCall(file.doc())).toEqual(data.calls[2]);
    expect(file.chunks().map(plainChunk)).toEqual(data.chunks.slice(100, 150));
    expect(file.vectors().map((v) => Array.from(v))).toEqual(data.vectors.slice(100, 150).map((v) => Array.from(v)));
  });

  it('has no previous index in an empty folder', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'index-store-empty-'));
    await expect(readPreviousIndex(empty)).resolves.toBeUndefined();
    await rm(empty, { recursive: true });
  });
});
