import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Embedder } from '../ingest/embedders/embedder.ts';
import type { OpenIndex } from '../ingest/index-store/types.ts';
import type { ServerConfig } from './config.ts';
import { httpServerOptions } from './http-limits.ts';
import { answerExpectation, rejectMissingHost } from './router-errors.ts';
import { apiKeysPlugin } from './plugins/api-keys.ts';
import { drainPlugin } from './plugins/drain.ts';
import { errorHandlerPlugin } from './plugins/error-handler.ts';
import { helmetPlugin } from './plugins/helmet.ts';
import { loggerOptions } from './plugins/logger.ts';
import { rateLimitPlugin } from './plugins/rate-limit.ts';
import { genReqId, requestIdPlugin } from './plugins/request-id.ts';
import { jsonBodyPlugin } from './plugins/json-body.ts';
import { swaggerPlugin } from './plugins/swagger.ts';
import { ragPlugin } from './plugins/rag.ts';
import { indexWatchPlugin } from './plugins/index-watch.ts';
import { transcriptIndexPlugin } from './plugins/transcript-index.ts';
import { askRoutes } from './routes/ask/index.ts';
import { callRoutes } from './routes/calls/index.ts';
import { callUploadRoutes } from './routes/calls/upload.ts';
import { chatCompletionRoutes } from './routes/chat-completions/index.ts';
import { healthRoutes } from './routes/health/index.ts';
import { searchRoutes } from './routes/search/index.ts';
import { webRoutes } from './routes/web/index.ts';
import { slackPlugin } from './slack/plugin.ts';

export const API_VERSION = '0.1.0';

/** What the app is built from, opened by the caller so tests can hand in their own. */
export interface AppDeps {
  index: OpenIndex;
  /** The query-side embedder (the same one that built the index). */
  embedder: Embedder;
  /** A ready logger (main.ts shares its own); otherwise one is made from the config. */
  logger?: FastifyBaseLogger;
  /** How often to look for a new index generation, in ms (default 1000; 0: never). */
  indexWatchMs?: number;
}

const INDEX_WATCH_MS = 1000;

export type App = FastifyInstance;

export async function buildApp(config: ServerConfig, deps: AppDeps): Promise<App> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: loggerOptions(config.LOG_LEVEL) }),
    genReqId,
    requestIdHeader: false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    ...httpServerOptions(config),
  }).withTypeProvider<ZodTypeProvider>();
  app.server.maxConnections = config.MAX_CONNECTIONS;
  app.server.on('checkExpectation', answerExpectation);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Cross-cutting plugins first: swagger hooks into routes as they are added.
  await app.register(errorHandlerPlugin);
  await app.register(jsonBodyPlugin);
  app.addHook('onRequest', rejectMissingHost);
  await app.register(requestIdPlugin);
  await app.register(drainPlugin);
  await app.register(helmetPlugin);
  await app.register(swaggerPlugin, { bearerAuth: config.API_KEYS.length > 0, version: API_VERSION });
  await app.register(transcriptIndexPlugin, { index: deps.index });
  await app.register(ragPlugin, { config, embedder: deps.embedder });
  await app.register(indexWatchPlugin, { everyMs: deps.indexWatchMs ?? INDEX_WATCH_MS, embedderId: deps.embedder.id });

  await app.register(healthRoutes);
  await app.register(
    async (v1) => {
      // Limited here only: the page and its assets are static, and a limited browser would get
      // JSON for its scripts. Counted before the key check, so keys cannot be guessed at speed.
      await v1.register(rateLimitPlugin, { perMinute: config.RATE_LIMIT_PER_MIN });
      await v1.register(apiKeysPlugin, { keys: config.API_KEYS });
      await v1.register(callRoutes);
      await v1.register(callUploadRoutes, { embedder: deps.embedder });
      await v1.register(searchRoutes);
      await v1.register(askRoutes);
      await v1.register(chatCompletionRoutes);
    },
    { prefix: '/v1' },
  );
  // Slack verifies its own requests (signing secret), so it sits outside /v1's API keys.
  // The signing secret alone is enough to let Slack verify the events URL during set-up.
  if (config.SLACK_SIGNING_SECRET) await app.register(slackPlugin, { config });

  // The chat page at / (public: it holds no data; its API calls carry the key).
  await app.register(webRoutes);
  return app;
}
