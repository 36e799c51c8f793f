import { copyFile, mkdir, mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../../ingest/embedders/local.ts';
import { COLD_SEGMENTS, MAX_SEGMENTS } from '../../../ingest/index-store/dense/graph-build.ts';
import { openIndex } from '../../../ingest/index-store/read.ts';
import type { OpenIndex } from '../../../ingest/index-store/types.ts';
import { ingest } from '../../../ingest/pipeline.ts';

// Real HNSW graphs, real ingests: an ingest that adds or removes calls keeps the other graphs'
// files and maps their labels to the new chunk ordinals.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const SEEDS = path.join(ROOT, 'seeds');
const FIXTURES = path.join(ROOT, 'tests/fixtures/transcripts');

const run = (indexDir: string, paths: string[], extra: { removeIds?: string[] } = {}) =>
  ingest({ paths, indexDir, embedder: new LocalEmbedder(), chunkMaxTokens: 300, workers: 0, ...extra });

/** Every chunk's own vector finds a chunk with that same vector first: labels map to the right ordinals. */
function expectSelfHits(index: OpenIndex) {
  for (let o = 0; o < index.chunks.length; o++) {
    const [top] = index.dense(index.vector(o), 1);
    expect(top.score, `chunk ${o}`).toBeGreaterThan(0.9999);
    expect(index.vector(top.ordinal)).toEqual(index.vector(o));
  }
}

const inode = async (index: OpenIndex, file: string) => (await stat(path.join(index.dir, file))).ino;

describe('graph segments', () => {
  it('keep the graphs of unchanged calls, add one for new calls, mask removed ones', { timeout: 60_000 }, async () => {
    const tmp = await mkdtemp(path.join(tmpdir(), 'tqa-segments-'));
    const indexDir = path.join(tmp, 'index');
    const extra = path.join(tmp, 'extra');
    await mkdir(extra);
    const fixtures = (await readdir(FIXTURES)).filter((f) => f !== 'no-speakers.txt');
    for (const f of fixtures.slice(0, 3)) await copyFile(path.join(FIXTURES, f), path.join(extra, f));

    await run(indexDir, [SEEDS, extra]);
    const cold = await openIndex(indexDir);
    expect(cold.manifest.hnsw.segments).toHaveLength(COLD_SEGMENTS);
    expectSelfHits(cold);

    const more = path.join(tmp, 'more');
    await mkdir(more);
    await copyFile(path.join(FIXTURES, fixtures[3]), path.join(more, fixtures[3]));
    const added = await run(indexDir, [more]);
    expect(added).toMatchObject({ added: 1, kept: cold.calls.length });
    const grown = await openIndex(indexDir);
    const segments = grown.manifest.hnsw.segments!;
    expect(segments).toHaveLength(COLD_SEGMENTS + 1);
    expect(segments.at(-1)!.live).toBe(added.embedded);
    // The kept graphs are the same files (hard links), not rebuilt.
    for (const s of cold.manifest.hnsw.segments!) expect(await inode(grown, s.file)).toBe(await inode(cold, s.file));
    expectSelfHits(grown);

    // The smallest call: removing a large share would rebuild the graphs instead (second test).
    const smallest = [...cold.calls].sort((a, b) => a.chunkCount - b.chunkCount)[0];
    const gone = smallest.call.id;
    await run(indexDir, [], { removeIds: [gone] });
    const fewer = await openIndex(indexDir);
    expect(fewer.callById(gone)).toBeUndefined();
    expect(fewer.manifest.hnsw.segments!.reduce((n, s) => n + s.nodes - s.live, 0)).toBe(smallest.chunkCount);
    expectSelfHits(fewer);
    for (let o = 0; o < fewer.chunks.length; o += 7) {
      for (const hit of fewer.dense(fewer.vector(o), 10)) expect(fewer.chunks[hit.ordinal].callId).not.toBe(gone);
    }
  });

  it('fold the smallest graphs when there would be too many, and rebuild when too much is dead', { timeout: 60_000 }, async () => {
    const tmp = await mkdtemp(path.join(tmpdir(), 'tqa-segments-'));
    const indexDir = path.join(tmp, 'index');
    await run(indexDir, [SEEDS]);
    const text = (i: number) => `Alex Kim: We grew revenue ${i} percent in the quarter.\nSam Lee: What drove the margin ${i}?\nAlex Kim: Pricing and mix.\n`;
    for (let i = 0; i < MAX_SEGMENTS + 2; i++) {
      const file = path.join(tmp, `note-${i}.txt`);
      await writeFile(file, text(i));
      await run(indexDir, [file]);
      const index = await openIndex(indexDir);
      expect(index.manifest.hnsw.segments!.length).toBeLessThanOrEqual(MAX_SEGMENTS);
      expectSelfHits(index);
    }
    const seeds = (await openIndex(indexDir)).calls.filter((d) => !d.call.id.startsWith('note-')).map((d) => d.call.id);
    await run(indexDir, [], { removeIds: seeds });
    const rebuilt = await openIndex(indexDir);
    expect(rebuilt.manifest.hnsw.segments!.every((s) => s.nodes === s.live)).toBe(true);
    expectSelfHits(rebuilt);
  });
});
