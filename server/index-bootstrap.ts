import type { Embedder } from '../ingest/embedders/embedder.ts';
import { IndexStoreError } from '../ingest/index-store/errors.ts';
import { openIndex } from '../ingest/index-store/read.ts';
import type { OpenIndex } from '../ingest/index-store/types.ts';
import { ingest } from '../ingest/pipeline.ts';
import type { ServerConfig } from './config.ts';

/** The subset of pino's logger the bootstrap reports through. */
export interface BootstrapLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Opens the index, building it from TRANSCRIPTS_DIR first when none exists (a fresh checkout just works). */
export async function openOrBuildIndex(config: ServerConfig, embedder: Embedder, log: BootstrapLogger): Promise<OpenIndex> {
  const open = () => openIndex(config.INDEX_DIR, { expectEmbedderId: embedder.id });
  try {
    return await open();
  } catch (error) {
    if (!(error instanceof IndexStoreError && error.code === 'missing')) throw error;
  }
  log.info({ indexDir: config.INDEX_DIR, transcripts: config.TRANSCRIPTS_DIR }, 'no index yet: ingesting transcripts');
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
