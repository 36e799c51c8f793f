import { pino, type Logger } from 'pino';
import { ConfigError } from '../ingest/config.ts';
import { createEmbedder } from '../ingest/embedders/create.ts';
import { buildApp, type App } from './app.ts';
import { loadServerConfig, type ServerConfig } from './config.ts';
import { openOrBuildIndex } from './index-bootstrap.ts';
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
    const index = await openOrBuildIndex(config, embedder, log);
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
