// Embeddings from OpenAI or any OpenAI-compatible server (Ollama, vLLM) through LangChain.
// We batch and retry ourselves: LangChain's AsyncCaller waits at least 1 s per retry, cannot be
// tuned, and gives up at once on a 429 without Retry-After; the SDK's own retries are switched
// off by LangChain. One retry loop here keeps attempts countable (1 + maxRetries per batch).
import { OpenAIEmbeddings } from '@langchain/openai';
import { withEmbeddingCache } from './cached-embedder.ts';
import type { Embedder } from './embedder.ts';
import { EmbeddingCache } from './embedding-cache.ts';

export interface OpenAIEmbedderOptions {
  apiKey?: string;
  /** e.g. `http://localhost:11434/v1` for Ollama; without it, api.openai.com. */
  baseURL?: string;
  model: string;
  /** Texts per HTTP request (default 100). */
  batchSize?: number;
  /** Retries per request after the first attempt (default 5); only 429, 5xx, timeouts, network errors. */
  maxRetries?: number;
  timeoutMs?: number;
  cache?: EmbeddingCache;
  /** Shorthand for `cache: new EmbeddingCache({ dir: cacheDir, onWarning: onCacheWarning })`. */
  cacheDir?: string;
  /** Default: a process warning on stderr. */
  onCacheWarning?: (message: string) => void;
  /** First backoff step in ms (default 500), doubled per retry, with jitter; Retry-After wins if longer. */
  retryBaseMs?: number;
  /** Requests in flight at once (default 2). */
  concurrency?: number;
  /** `float` (default) works everywhere; `base64` is smaller but not every compatible server has it. */
  encodingFormat?: 'float' | 'base64';
  onRetry?: (info: { attempt: number; delayMs: number; error: Error }) => void;
}

/** An embeddings request that failed for good; `status` is the HTTP status when there was one. */
export class EmbeddingRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EmbeddingRequestError';
  }
}

// Servers asking for a longer pause than this are out of quota, not briefly overloaded.
const MAX_RETRY_AFTER_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

export function createOpenAIEmbedder(opts: OpenAIEmbedderOptions): Embedder {
  const embedder = new OpenAIEmbedder(opts);
  const onWarning = opts.onCacheWarning ?? ((message: string) => process.emitWarning(message, 'EmbeddingCacheWarning'));
  const cache = opts.cache ?? (opts.cacheDir ? new EmbeddingCache({ dir: opts.cacheDir, onWarning }) : undefined);
  return cache ? withEmbeddingCache(embedder, cache) : embedder;
}

export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  private readonly client: OpenAIEmbeddings<number[] | string>;
  private readonly batchSize: number;

  constructor(private readonly opts: OpenAIEmbedderOptions) {
    if (!opts.apiKey && !opts.baseURL) {
      throw new Error('OpenAI embedder needs an apiKey, or a baseURL for a keyless OpenAI-compatible server');
    }
    this.id = `openai:${opts.model}`;
    this.batchSize = Math.max(1, opts.batchSize ?? 100);
    this.client = new OpenAIEmbeddings<number[] | string>({
      // Local servers ignore the key, but the SDK refuses to start without one.
      apiKey: opts.apiKey ?? 'not-needed',
      model: opts.model,
      batchSize: this.batchSize,
      maxRetries: 0,
      timeout: opts.timeoutMs,
      encodingFormat: opts.encodingFormat ?? 'float',
      // Current embedding models take newlines as they come; stripping them changes the text.
      stripNewLines: false,
      configuration: opts.baseURL ? { baseURL: opts.baseURL } : undefined,
    });
  }

  async embedDocuments(texts: string[]): Promise<Float32Array[]> {
    const batches: string[][] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) batches.push(texts.slice(i, i + this.batchSize));
    const results: Float32Array[][] = new Array(batches.length);
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const at = next++;
        results[at] = await this.embedBatch(batches[at]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency ?? 2, batches.length) }, worker));
    return results.flat();
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [vector] = await this.embedBatch([text]);
    return vector;
  }

  private async embedBatch(batch: string[]): Promise<Float32Array[]> {
    const raw = await this.withRetries(() => this.client.embedDocuments(batch));
    if (raw.length !== batch.length) {
      throw new EmbeddingRequestError(`${this.id}: asked for ${batch.length} embeddings, got ${raw.length}`, undefined, 1);
    }
    return raw.map((embedding) => normalise(decode(embedding)));
  }

  private async withRetries<T>(call: () => Promise<T>): Promise<T> {
    const maxRetries = this.opts.maxRetries ?? 5;
    const base = this.opts.retryBaseMs ?? 500;
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (caught) {
        const error = caught instanceof Error ? caught : new Error(String(caught));
        const status = statusOf(error);
        const retryAfterMs = retryAfterOf(error);
        const retryable = isRetryable(error, status) && (retryAfterMs ?? 0) <= MAX_RETRY_AFTER_MS;
        if (!retryable || attempt > maxRetries) throw this.failure(error, status, attempt, retryable);
        const backoff = Math.min(MAX_BACKOFF_MS, base * 2 ** (attempt - 1) * (1 + Math.random() * 0.25));
        const delayMs = Math.max(backoff, retryAfterMs ?? 0);
        this.opts.onRetry?.({ attempt, delayMs, error });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  private failure(error: Error, status: number | undefined, attempts: number, retryable: boolean) {
    const where = this.opts.baseURL ?? 'api.openai.com';
    const why = error.message.split('\n')[0];
    const tries = retryable ? `after ${attempts} attempts` : 'not retried';
    return new EmbeddingRequestError(`${this.id} embeddings at ${where} failed (${tries}): ${why}`, status, attempts, { cause: error });
  }
}

function statusOf(error: Error): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

function isRetryable(error: Error, status: number | undefined): boolean {
  if (status === undefined) return true; // timeouts, refused or reset connections, garbled bodies
  if ((error as { code?: unknown }).code === 'insufficient_quota') return false;
  return status === 408 || status === 429 || status >= 500;
}

function retryAfterOf(error: Error): number | undefined {
  const headers = (error as { headers?: { get?: (name: string) => string | null } }).headers;
  if (typeof headers?.get !== 'function') return undefined;
  const ms = Number(headers.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function decode(embedding: number[] | string): Float32Array {
  if (Array.isArray(embedding)) return Float32Array.from(embedding);
  if (typeof embedding === 'string') {
    const bytes = Buffer.from(embedding, 'base64');
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  }
  throw new EmbeddingRequestError('embedding response had no vector', undefined, 1);
}

function normalise(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const x of vector) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] /= norm;
  return vector;
}
