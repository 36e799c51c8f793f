import { z } from 'zod';
import { ingestConfigSchema, parseConfig } from '../ingest/config.ts';

// The server's settings: the shared ingest keys plus its own. Parsed once by main.ts from the
// environment it is handed; every other module receives the parsed object.

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
// Empty strings would coerce to 0, which would silently turn a limit off; treat them as unset.
const integer = (min: number, max: number, fallback: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));
const optionalText = z.preprocess(blankToUndefined, z.string().optional());
const optionalUrl = z.preprocess(blankToUndefined, z.url().optional());
const flag = z.preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0']).default('false')).transform(
  (v) => v === 'true' || v === '1',
);

export const serverConfigSchema = ingestConfigSchema
  .extend({
    PORT: integer(0, 65_535, 3000),
    // Loopback by default so a fresh checkout is not exposed; set 0.0.0.0 in containers.
    HOST: z.preprocess(blankToUndefined, z.string().min(1).default('127.0.0.1')),
    TRUST_PROXY: flag,
    OPENAI_CHAT_MODEL: z.preprocess(blankToUndefined, z.string().min(1).default('gpt-4o-mini')),
    LLM_PROVIDER: z.preprocess(blankToUndefined, z.enum(['none', 'openai']).optional()),
    LLM_TIMEOUT_MS: integer(100, 600_000, 20_000),
    // Streamed answers are paced instead: the first token within this, then no gap longer than idle.
    LLM_FIRST_TOKEN_TIMEOUT_MS: integer(100, 600_000, 20_000),
    LLM_IDLE_TIMEOUT_MS: integer(100, 600_000, 10_000),
    REQUEST_TIMEOUT_MS: integer(100, 600_000, 30_000),
    BODY_LIMIT_BYTES: integer(1024, 100 * 1024 * 1024, 1024 * 1024),
    MAX_CONNECTIONS: integer(1, 1_000_000, 1024),
    RATE_LIMIT_PER_MIN: integer(0, 1_000_000, 120),
    API_KEYS: z
      .preprocess(blankToUndefined, z.string().default(''))
      .transform((v) => v.split(',').map((k) => k.trim()).filter((k) => k.length > 0)),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_BOT_TOKEN: optionalText,
    SLACK_API_URL: z.preprocess(blankToUndefined, z.url().default('https://slack.com/api/')),
    PUBLIC_BASE_URL: optionalUrl,
    // Threads that search beside the server's own (server/rag/threads): auto = one per core but the
    // server's, on an index large enough for searching to dominate (see searchThreadCount).
    SEARCH_THREADS: z.preprocess(blankToUndefined, z.union([z.literal('auto'), z.coerce.number().int().min(0).max(64)]).default('auto')),
    // auto: readable lines on a terminal, JSON lines when piped (log collectors, files).
    LOG_FORMAT: z.preprocess(blankToUndefined, z.enum(['auto', 'pretty', 'json']).default('auto')),
  })
  .transform((c) => ({
    ...c,
    // An OpenAI key or a compatible endpoint is the signal that an LLM is wanted.
    LLM_PROVIDER: c.LLM_PROVIDER ?? (c.OPENAI_API_KEY || c.OPENAI_BASE_URL ? 'openai' : 'none'),
  }))
  .superRefine((c, ctx) => {
    if (c.LLM_PROVIDER === 'openai' && !c.OPENAI_API_KEY && !c.OPENAI_BASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['LLM_PROVIDER'],
        message: 'openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server)',
      });
    }
  });

export type ServerConfig = z.infer<typeof serverConfigSchema>;

/** Throws ConfigError (naming each bad variable) when the environment holds a bad value. */
export const loadServerConfig = (env: Record<string, string | undefined>): ServerConfig =>
  parseConfig(serverConfigSchema, env);
