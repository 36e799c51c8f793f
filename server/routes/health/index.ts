import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { healthSchema, readySchema } from './schema.ts';

// Probes are exempt from rate limiting and API keys: an orchestrator polls them often and anonymously.
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', { schema: healthSchema, config: { rateLimit: false } }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', { schema: readySchema, config: { rateLimit: false } }, async () => {
    const index = app.index;
    // An index with no chunks cannot answer anything, so the service is not ready to take traffic.
    if (!index || index.chunks.length === 0) {
      throw new AppError('unavailable:index', 'The transcript index is not loaded or holds no chunks', { expose: true });
    }
    return {
      status: 'ready' as const,
      chunks: index.chunks.length,
      calls: index.calls.length,
      embedder: index.manifest.embedder.id,
      generation: app.library.generation,
    };
  });
};

// Encapsulated (own scope, honours the /v1 prefix) yet checked for the index at registration.
export const healthRoutes = fp(routes, { name: 'health-routes', dependencies: ['transcript-index'], encapsulate: true });
