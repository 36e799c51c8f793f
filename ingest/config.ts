import { z } from 'zod';

// Settings shared by ingest and the server. Parsed once at an entry point from the
// environment it is given; nothing else reads process.env.

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());

export const ingestConfigSchema = z.object({
  INDEX_DIR: z.string().min(1).default('data/index'),
  TRANSCRIPTS_DIR: z.string().min(1).default('seeds'),
  EMBEDDER: z.enum(['local', 'openai']).default('local'),
  EMBEDDING_CACHE_DIR: z.string().min(1).default('data/embedding-cache'),
  CHUNK_MAX_TOKENS: z.coerce.number().int().min(32).max(8192).default(300),
  /** Ingest worker threads (parse, chunk, local embedding); unset: one per available core; 0: none. */
  INGEST_WORKERS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(256).optional()),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  OPENAI_EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type IngestConfig = z.infer<typeof ingestConfigSchema>;

/** Raised when the environment holds a bad value; the message names the variable. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const value = env[String(issue.path[0])];
      const shown = value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
      return `${name}: ${issue.message}${shown}`;
    }),
  );
}

export const loadIngestConfig = (env: Record<string, string | undefined>): IngestConfig =>
  parseConfig(ingestConfigSchema, env);
