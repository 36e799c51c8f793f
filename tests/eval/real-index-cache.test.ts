import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../ingest/embedders/local.ts';
import { openCachedIndex } from './real/index-cache.ts';

// A made-up two-call corpus, ingested for real: the cache must reuse, rebuild and prune.
const call = (company: string, revenue: string) =>
  [
    `${company} Q1 2021 Earnings Call`,
    'Operator',
    `Good day and welcome to the ${company} first quarter 2021 earnings call.`,
    'Jane Roe - Chief Executive Officer',
    `Revenue for the quarter was ${revenue}, driven by demand for our sprockets.`,
    '',
  ].join('\n');

describe('openCachedIndex', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tqa-index-cache-'));
    await mkdir(path.join(dir, 'corpus'));
    await mkdir(path.join(dir, 'code'));
    await writeFile(path.join(dir, 'corpus', 'AAA_q1_2021.txt'), call('Alpha', '$10 million'));
    await writeFile(path.join(dir, 'corpus', 'BBB_q1_2021.txt'), call('Beta', '$20 million'));
    await writeFile(path.join(dir, 'code', 'chunk.ts'), 'export {};');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('builds once, reuses while nothing changes, rebuilds and prunes when the corpus changes', async () => {
    const logs: string[] = [];
    const opts = {
      name: 'calls',
      corpusDir: path.join(dir, 'corpus'),
      cacheDir: path.join(dir, 'cache'),
      ingestCodeDir: path.join(dir, 'code'),
      embedder: new LocalEmbedder(),
      chunkMaxTokens: 300,
      log: (m: string) => logs.push(m),
    };
    const first = await openCachedIndex(opts);
    expect(first.reused).toBe(false);
    expect(first.index.calls.map((c) => c.call.id).sort()).toEqual(['aaa_q1_2021', 'bbb_q1_2021']);

    const again = await openCachedIndex(opts);
    expect(again).toMatchObject({ reused: true, dir: first.dir });
    expect(logs.some((l) => l.startsWith('reusing index'))).toBe(true);

    await writeFile(path.join(dir, 'corpus', 'CCC_q1_2021.txt'), call('Gamma', '$30 million'));
    const rebuilt = await openCachedIndex(opts);
    expect(rebuilt.reused).toBe(false);
    expect(rebuilt.dir).not.toBe(first.dir);
    expect(rebuilt.index.calls).toHaveLength(3);
    expect(await readdir(opts.cacheDir)).toEqual([path.basename(rebuilt.dir)]);
  }, 60_000);
});
