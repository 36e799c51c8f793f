import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

/** Per-client (IP) budget per minute for the scope it is registered in (/v1); 0 turns limiting off. */
export const rateLimitPlugin = fp<{ perMinute: number }>(
  async (app, { perMinute }) => {
    if (perMinute <= 0) return;
    await app.register(rateLimit, {
      global: true,
      max: perMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) =>
        new AppError('rate_limited:api', `Rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`),
    });
  },
  { name: 'rate-limit' },
);
