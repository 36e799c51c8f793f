import type { FastifyServerOptions } from 'fastify';

// Secrets that may appear in logged requests or errors. Fastify's default request serializer does
// not log headers, but plugins and our own `log.info({ req })` calls might.
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
  'headers.authorization',
  'headers["x-slack-signature"]',
  'config.OPENAI_API_KEY',
  'config.SLACK_SIGNING_SECRET',
  'config.SLACK_BOT_TOKEN',
  'config.API_KEYS',
];

export function loggerOptions(level: string): NonNullable<Exclude<FastifyServerOptions['logger'], boolean>> {
  return { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
}
