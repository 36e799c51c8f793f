import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalEmbedder } from '../../ingest/embedders/local.ts';
import { ingest } from '../../ingest/pipeline.ts';

export const SEEDS_DIR = path.resolve(import.meta.dirname, '../../seeds');

let built: Promise<string> | undefined;

/** A real index of seeds/ built with the default local embedder, once per test process. */
export function buildSeedIndex(): Promise<string> {
  built ??= (async () => {
    const indexDir = path.join(await mkdtemp(path.join(tmpdir(), 'tqa-seed-')), 'index');
    await ingest({ paths: [SEEDS_DIR], indexDir, embedder: new LocalEmbedder(), chunkMaxTokens: 300 });
    return indexDir;
  })();
  return built;
}
