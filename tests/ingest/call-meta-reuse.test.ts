import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../ingest/embedders/local.ts';
import { openIndex } from '../../ingest/index-store/index.ts';
import { FILES } from '../../ingest/index-store/generations/layout.ts';
import { findLiveGeneration } from '../../ingest/index-store/generations/load-generation.ts';
import { CALL_META_VERSION } from '../../ingest/index-store/types.ts';
import { ingest } from '../../ingest/pipeline.ts';

const SEEDS = path.resolve(import.meta.dirname, '../../seeds');

/** Rewrites the live generation as an older ingest would have left it: no callMeta, no new call fields. */
async function ageIndex(indexDir: string, callMeta: number | undefined): Promise<void> {
  const live = (await findLiveGeneration(indexDir))!;
  const manifestPath = path.join(live.dir, FILES.manifest);
  const { callMeta: _, ...manifest } = JSON.parse(await readFile(manifestPath, 'utf8'));
  await writeFile(manifestPath, JSON.stringify(callMeta === undefined ? manifest : { ...manifest, callMeta }));
  const storePath = path.join(live.dir, FILES.storeDirectory);
  const store = JSON.parse(await readFile(storePath, 'utf8'));
  for (const entry of store.calls) {
    delete entry.call.companyKey;
    delete entry.call.companyAliases;
  }
  await writeFile(storePath, JSON.stringify(store));
}

describe('re-ingest after the call metadata changed shape', () => {
  const opts = async () => ({
    paths: [SEEDS],
    indexDir: path.join(await mkdtemp(path.join(tmpdir(), 'tqa-meta-')), 'index'),
    embedder: new LocalEmbedder(),
    chunkMaxTokens: 300,
  });

  it('re-parses unchanged files of an older index, keeping their vectors', async () => {
    const o = await opts();
    const first = await ingest(o);
    await ageIndex(o.indexDir, undefined);
    const again = await ingest(o);
    expect(again.embedded).toBe(0);
    expect(again.reused).toBe(first.files);
    expect(again.manifest?.callMeta).toBe(CALL_META_VERSION);
    const index = await openIndex(o.indexDir);
    expect(index.calls.every((d) => d.call.companyKey === 'name:asana')).toBe(true);
  });

  it('reuses documents of an index already at this version as they are', async () => {
    const o = await opts();
    await ingest(o);
    await ageIndex(o.indexDir, CALL_META_VERSION);
    const again = await ingest(o);
    expect(again.embedded).toBe(0);
    const index = await openIndex(o.indexDir);
    expect(index.calls.every((d) => d.call.companyKey === undefined)).toBe(true);
  });
});
