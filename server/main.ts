import { pino, type Logger } from 'pino';
import { createEmbedder } from '../ingest/embedders/create.ts';
import { loadEnvFile, type EnvFileResult } from '../ingest/env-file.ts';
import { buildApp, type App } from './app.ts';
import { loadServerConfig, type ServerConfig } from './config.ts';
import { openOrBuildIndex } from './index-bootstrap.ts';
import { logDestination } from './logging/destination.ts';
import { loggerOptions } from './plugins/logger.ts';
import { startupFailure } from './start/startup-failure.ts';
import { describeStartup, startupSummary } from './start/startup-summary.ts';

// The entry point: the only reader of process.env and the only caller of listen.

const USAGE = `Usage: npm start

Serves the transcript Q&A API, the web page (/) and, when configured, the Slack bot. Builds the
index from TRANSCRIPTS_DIR (default seeds/) first when INDEX_DIR (default data/index) holds none.
Settings are environment variables or lines of .env (the environment wins), each listed with its
default in .env.example, e.g.:
  PORT=3000 HOST=127.0.0.1 INDEX_DIR=data/index EMBEDDER=local LOG_LEVEL=info
  OPENAI_API_KEY / OPENAI_BASE_URL   answer with an LLM (otherwise extractive, offline)
  API_KEYS=key1,key2                 require Authorization: Bearer <key> on /v1
  SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN   enable the Slack bot
API documentation: http://HOST:PORT/docs once running. Stop with Ctrl-C or SIGTERM (drains requests).
`;

function readConfig(): { config: ServerConfig; envFile: EnvFileResult } {
  try {
    // .env first: a variable set in the real environment wins over the file.
    const envFile = loadEnvFile(process.env);
    return { config: loadServerConfig(process.env), envFile };
  } catch (error) {
    // A ConfigError names each bad variable; a .env that cannot be read names the file.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
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
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const { config, envFile } = readConfig();
  const log = pino(loggerOptions(config.LOG_LEVEL), logDestination(config.LOG_FORMAT, process.stdout, process.env));
  if (envFile.file) log.info({ file: envFile.file, keys: envFile.loaded }, `settings read from ${envFile.file}`);
  try {
    const embedder = await createEmbedder(config);
    const index = await openOrBuildIndex(config, embedder, log);
    const app = await buildApp(config, { index, embedder, logger: log });
    handleSignals(app, log, config.REQUEST_TIMEOUT_MS + 5_000);
    const address = await app.listen({ host: config.HOST, port: config.PORT });
    const summary = startupSummary(config, index);
    // The sentence for people first, then the line scripts wait for.
    log.info(`serving ${address} — ${describeStartup(summary)}`);
    log.info({ url: address, docs: `${address}/docs`, generation: app.library.generation, ...summary }, 'ready');
  } catch (error) {
    // Known first-start failures are one sentence with the fix; anything else keeps its stack.
    const sentence = startupFailure(error, config);
    if (sentence) log.fatal({ code: (error as { code?: string }).code }, sentence);
    else log.fatal({ err: error }, error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

await main();
