import { mkdtemp, readFile, writeFile, mkdir, copyFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../ingest/embedders/local.ts';
import { FILES } from '../../ingest/index-store/generations/layout.ts';
import { findLiveGeneration } from '../../ingest/index-store/generations/load-generation.ts';
import { ingest, type IngestEvent } from '../../ingest/pipeline.ts';

const SEEDS = path.resolve(import.meta.dirname, '../../seeds');

async function build(corpus: string, workers: number, indexDir?: string) {
  const dir = indexDir ?? path.join(await mkdtemp(path.join(tmpdir(), 'tqa-workers-')), 'index');
  const events: IngestEvent[] = [];
  const summary = await ingest({ paths: [corpus], indexDir: dir, embedder: new LocalEmbedder(), chunkMaxTokens: 300, workers, prune: true, onEvent: (e) => events.push(e) });
  return { dir, summary, events };
}

async function files(indexDir: string): Promise<Record<string, Buffer>> {
  const live = (await findLiveGeneration(indexDir))!;
  const out: Record<string, Buffer> = {};
  for (const name of await readdir(live.dir)) if (name !== FILES.manifest) out[name] = await readFile(path.join(live.dir, name));
  return out;
}

/** term → its postings (document ordinals and counts) and every document's length, whatever the term ids. */
function postingsByTerm(f: Record<string, Buffer>) {
  const terms = JSON.parse(f[FILES.lexicalTerms].toString('utf8')) as string[];
  const b = f[FILES.lexicalPostings];
  const u32 = (i: number) => b.readUInt32LE(i * 4);
  const [T, P, N] = [u32(1), u32(2), u32(3)];
  const docsAt = 4 + T + 1;
  const tfAt = (docsAt + P + N) * 4;
  const out: Record<string, string> = { lengths: Array.from({ length: N }, (_, d) => u32(docsAt + P + d)).join(',') };
  terms.forEach((t, id) => {
    const posts = [];
    for (let p = u32(4 + id); p < u32(4 + id + 1); p++) posts.push(`${u32(docsAt + p)}:${b.readUInt16LE(tfAt + 2 * p)}`);
    out[t] = posts.join(' ');
  });
  return out;
}

describe('ingest worker threads', () => {
  it('write the same index as the main thread alone, skipped files included', { timeout: 60_000 }, async () => {
    const corpus = await mkdtemp(path.join(tmpdir(), 'tqa-workers-corpus-'));
    await mkdir(corpus, { recursive: true });
    for (const f of await readdir(SEEDS)) await copyFile(path.join(SEEDS, f), path.join(corpus, f));
    await writeFile(path.join(corpus, 'broken.srt'), 'not a caption file\n');
    const alone = await build(corpus, 0);
    const pooled = await build(corpus, 2);
    expect(pooled.summary.skipped).toEqual(alone.summary.skipped);
    expect(pooled.summary.skipped[0].line).toBeDefined();
    expect({ ...pooled.summary, indexDir: '', seconds: 0, timings: {}, manifest: undefined }).toEqual({
      ...alone.summary,
      indexDir: '',
      seconds: 0,
      timings: {},
      manifest: undefined,
    });
    expect(await files(pooled.dir)).toEqual(await files(alone.dir));
    expect(pooled.summary.timings.parse).toBeGreaterThan(0);
    expect(pooled.events.some((e) => e.type === 'write')).toBe(true);

    const again = await build(corpus, 2, pooled.dir);
    expect(again.summary.reused).toBe(alone.summary.parsed);
    expect(await files(again.dir)).toEqual(await files(alone.dir));
    // Unchanged library: the graph file is copied, not rebuilt (no insertion progress).
    expect(again.events.some((e) => e.type === 'write')).toBe(false);
    // One file removed (pruned): everything but the graphs is as a cold build of the others would be.
    await rm(path.join(corpus, (await readdir(SEEDS)).sort()[0]));
    const fewer = await build(corpus, 2, pooled.dir);
    const cold = await build(corpus, 0);
    expect(fewer.summary.removed).toBe(1);
    // The lexical index is rebuilt from the kept chunks' stored postings: term ids may come in
    // another order than a cold build's, the postings are the same.
    const rest = (f: Record<string, Buffer>) => Object.fromEntries(Object.entries(f).filter(([name]) => !name.startsWith('hnsw') && !name.startsWith('lexical')));
    const fewerFiles = await files(fewer.dir);
    const coldFiles = await files(cold.dir);
    expect(rest(fewerFiles)).toEqual(rest(coldFiles));
    expect(postingsByTerm(fewerFiles)).toEqual(postingsByTerm(coldFiles));
  });
});
