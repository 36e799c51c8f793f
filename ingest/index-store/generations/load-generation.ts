// Reading the live generation: shared by openIndex (the server) and readPreviousIndex (ingest).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Chunk } from '../../types.ts';
import { IndexStoreError } from '../errors.ts';
import { FILES, readCurrent } from './layout.ts';
import { ANALYZER_VERSION } from '../../text/analyze.ts';
import { INDEX_FORMAT_VERSION, type CallDocument, type Manifest } from '../types.ts';
import { readStore } from '../chunk-store/store-reader.ts';

export interface LiveGeneration {
  dir: string;
  manifest: Manifest;
}

/** The committed generation and its manifest as written, whatever version wrote it; undefined when no index was ever written. */
export async function readLiveManifest(indexDir: string): Promise<LiveGeneration | undefined> {
  const generation = await readCurrent(indexDir);
  if (!generation) return undefined;
  const dir = join(indexDir, generation);
  try {
    return { dir, manifest: JSON.parse(await readFile(join(dir, FILES.manifest), 'utf8')) as Manifest };
  } catch (err) {
    throw new IndexStoreError('corrupt', `The index in ${indexDir} is damaged (${(err as Error).message}): re-run \`npm run ingest\``);
  }
}

/** The committed generation and its manifest, or undefined when no index was ever written. */
export async function findLiveGeneration(indexDir: string): Promise<LiveGeneration | undefined> {
  const live = await readLiveManifest(indexDir);
  return live && checkedGeneration(indexDir, live);
}

/**
 * One generation named by its folder (a server thread opens the very generation the server
 * serves, even when a newer one has been committed since), checked like the live one.
 */
export async function findGeneration(dir: string): Promise<LiveGeneration> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, FILES.manifest), 'utf8')) as Manifest;
  } catch (err) {
    throw new IndexStoreError('corrupt', `The index generation ${dir} is damaged or gone (${(err as Error).message}): re-run \`npm run ingest\``);
  }
  return checkedGeneration(dir, { dir, manifest });
}

function checkedGeneration(indexDir: string, live: LiveGeneration): LiveGeneration {
  const { manifest } = live;
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new IndexStoreError(
      'format',
      `The index in ${indexDir} has format version ${manifest.formatVersion}, this version reads ${INDEX_FORMAT_VERSION}: re-run \`npm run ingest\``,
    );
  }
  if (manifest.analyzer !== ANALYZER_VERSION) {
    throw new IndexStoreError(
      'format',
      `The index in ${indexDir} was built with text analyzer v${manifest.analyzer ?? 1}, this version searches with v${ANALYZER_VERSION}: re-run \`npm run ingest\``,
    );
  }
  return live;
}

export interface GenerationData {
  chunks: Chunk[];
  calls: CallDocument[];
}

/** The generation's calls and chunks (`store`: store.bin already read, e.g. shared with another thread). */
export async function loadGenerationData({ dir, manifest }: LiveGeneration, store?: Uint8Array): Promise<GenerationData> {
  const { calls, chunks } = await readStore(dir, store);
  if (chunks.length !== manifest.chunkCount) {
    throw new IndexStoreError('corrupt', `The index in ${dir} does not match its manifest: re-run \`npm run ingest\``);
  }
  return { chunks, calls };
}
