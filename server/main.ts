import { pino, type Logger } from 'pino';
import { ConfigError } from '../ingest/config.ts';
import { createEmbedder } from '../ingest/embedders/create.ts';
import type { Embedder } from '../ingest/embedders/embedder.ts';
import { IndexStoreError } from '../ingest/index-store/errors.ts';
import { openIndex } from '../ingest/index-store/read.ts';
import type { OpenIndex } from '../ingest/index-store/types.ts';
import { ingest } from '../ingest/pipeline.ts';
import { buildApp, type App } from './app.ts';
import { loadServerConfig, type ServerConfig } from './config.ts';
import { loggerOptions } from './plugins/logger.ts';

// The entry point: the only reader of process.env and the only caller of listen.

function readConfig(): ServerConfig {
  try {
    return loadServerConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** Opens the index, building it from TRANSCRIPTS_DIR first when none exists (a fresh checkout just works). */
async function loadIndex(config: ServerConfig, embedder: Embedder, log: Logger): Promise<OpenIndex> {
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

function handleSignals(app: App, log: Logger, graceMs: number): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      log.warn({ signal }, 'second signal: exiting without waiting for requests');
      process.exit(1);
    }
    closing = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    // A request stuck past its own timeout must not hold the process forever.
    setTimeout(() => {
      log.error('shutdown grace period over: exiting');
      process.exit(1);
    }, graceMs).unref();
    app.close().then(
      () => {
        log.info('shutdown complete');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

async function main(): Promise<void> {
  const config = readConfig();
  const log = pino(loggerOptions(config.LOG_LEVEL));
  try {
    const embedder = await createEmbedder(config);
    const index = await loadIndex(config, embedder, log);
    const app = await buildApp(config, { index, embedder, logger: log });
    handleSignals(app, log, config.REQUEST_TIMEOUT_MS + 5_000);
    const address = await app.listen({ host: config.HOST, port: config.PORT });
    log.info({ url: address, docs: `${address}/docs` }, 'ready');
  } catch (error) {
    log.fatal({ err: error }, error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

await main();
