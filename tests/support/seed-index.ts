import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalEmbedder } from '../../ingest/embedders/local.ts';
import { ingest } from '../../ingest/pipeline.ts';

export const SEEDS_DIR = path.resolve(import.meta.dirname, '../../seeds');

let built: Promise<string> | undefined;

/** `paths` ingested for real with the default local embedder into a fresh temporary folder; the index folder. */
export async function ingestIntoTemp(paths: string[], prefix = 'tqa-index-'): Promise<string> {
  const indexDir = path.join(await mkdtemp(path.join(tmpdir(), prefix)), 'index');
  await ingest({ paths, indexDir, embedder: new LocalEmbedder(), chunkMaxTokens: 300 });
  return indexDir;
}

/** A real index of seeds/, built once per test process. */
export function buildSeedIndex(): Promise<string> {
  built ??= ingestIntoTemp([SEEDS_DIR], 'tqa-seed-');
  return built;
}
