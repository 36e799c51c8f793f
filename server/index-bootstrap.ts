import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Embedder } from '../ingest/embedders/embedder.ts';
import { IndexStoreError } from '../ingest/index-store/errors.ts';
import { openIndex } from '../ingest/index-store/read.ts';
import { readLiveManifest } from '../ingest/index-store/generations/load-generation.ts';
import type { OpenIndex } from '../ingest/index-store/types.ts';
import { sha256Hex } from '../ingest/load-file.ts';
import { ingest } from '../ingest/pipeline.ts';
import type { ServerConfig } from './config.ts';

/** The subset of pino's logger the bootstrap reports through. */
export interface BootstrapLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/**
 * Opens the index, building it from TRANSCRIPTS_DIR first when none exists (a fresh checkout just
 * works), or when an earlier version of this program built it from exactly those files (an update
 * just works: nothing of the library is lost by rebuilding it).
 */
export async function openOrBuildIndex(config: ServerConfig, embedder: Embedder, log: BootstrapLogger): Promise<OpenIndex> {
  const open = () => openIndex(config.INDEX_DIR, { expectEmbedderId: embedder.id });
  try {
    return await open();
  } catch (error) {
    if (!(error instanceof IndexStoreError)) throw error;
    if (error.code !== 'missing' && !(await rebuildable(error, config, embedder))) throw error;
    if (error.code === 'missing') log.info({ indexDir: config.INDEX_DIR, transcripts: config.TRANSCRIPTS_DIR }, 'no index yet: ingesting transcripts');
    else
      log.warn(
        { indexDir: config.INDEX_DIR, transcripts: config.TRANSCRIPTS_DIR, reason: error.message },
        `the index in ${config.INDEX_DIR} was written by another version: rebuilding it from ${config.TRANSCRIPTS_DIR}, which holds all its files unchanged`,
      );
  }
  const summary = await ingest({
    paths: [config.TRANSCRIPTS_DIR],
    indexDir: config.INDEX_DIR,
    embedder,
    chunkMaxTokens: config.CHUNK_MAX_TOKENS,
    onEvent: (e) => {
      if (e.type === 'file' && e.status === 'skipped') log.warn({ file: e.file }, e.message ?? 'skipped');
    },
  });
  log.info({ files: summary.files, chunks: summary.chunks, seconds: summary.seconds }, 'ingest done');
  return open();
}

/**
 * An index another version of this program wrote (its format, or the local embedder's version),
 * every file of which TRANSCRIPTS_DIR still holds unchanged. An index of another embedder kind
 * (OpenAI vs local) is the user's choice, and rebuilding it would call a paid API: never rebuilt here.
 */
async function rebuildable(error: IndexStoreError, config: ServerConfig, embedder: Embedder): Promise<boolean> {
  if (error.code !== 'format' && error.code !== 'embedder_mismatch') return false;
  const live = await readLiveManifest(config.INDEX_DIR).catch(() => undefined);
  if (!live) return false;
  const { manifest } = live;
  const kind = (id: string | undefined) => id?.split(':')[0];
  if (error.code === 'embedder_mismatch' && (kind(manifest.embedder?.id) !== 'local' || kind(embedder.id) !== 'local')) return false;
  if (!Array.isArray(manifest.files) || manifest.files.length === 0) return false;
  for (const f of manifest.files) {
    const bytes = await readFile(join(config.TRANSCRIPTS_DIR, f.file)).catch(() => undefined);
    if (!bytes || sha256Hex(bytes) !== f.sha256) return false;
  }
  return true;
}
