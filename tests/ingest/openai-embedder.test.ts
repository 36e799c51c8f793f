import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddingCache } from '../../ingest/embedders/embedding-cache.ts';
import { createOpenAIEmbedder, EmbeddingRequestError, OpenAIEmbedder, type OpenAIEmbedderOptions } from '../../ingest/embedders/openai.ts';
import { fakeEmbedding, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai-server.ts';

let fake: FakeOpenAI;
let dir: string;
beforeEach(async () => {
  fake = await startFakeOpenAI({ dimensions: 8 });
  dir = await mkdtemp(join(tmpdir(), 'openai-embedder-'));
});
afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const embedder = (opts: Partial<OpenAIEmbedderOptions> = {}) =>
  new OpenAIEmbedder({ baseURL: fake.url, model: 'text-embedding-3-small', retryBaseMs: 5, ...opts });

function expected(text: string): number[] {
  const raw = fakeEmbedding(text, 8);
  const norm = Math.hypot(...raw);
  return raw.map((x) => x / norm);
}

const closeTo = (actual: Float32Array, want: number[]) => want.forEach((x, i) => expect(actual[i]).toBeCloseTo(x, 6));
const inputs = () => fake.requestsTo('embeddings').map((r) => r.body.input as string[]);
const texts = (n: number) => Array.from({ length: n }, (_, i) => `text number ${i}\nsecond line`);

describe('OpenAIEmbedder over HTTP', () => {
  it('batches 250 texts into 3 requests and returns vectors in input order', async () => {
    const all = texts(250);
    const vectors = await embedder({ batchSize: 100 }).embedDocuments(all);
    expect(inputs().map((b) => b.length).sort()).toEqual([100, 100, 50]);
    expect(inputs().flat().sort()).toEqual([...all].sort());
    expect(vectors).toHaveLength(250);
    vectors.forEach((v, i) => closeTo(v, expected(all[i])));
  });

  it('returns L2-normalised Float32Arrays, for documents and queries, as float or base64', async () => {
    const [doc] = await embedder().embedDocuments(['hello']);
    const query = await embedder({ encodingFormat: 'base64' }).embedQuery('hello');
    for (const v of [doc, query]) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
      closeTo(v, expected('hello'));
    }
    expect(fake.requests.map((r) => r.body.encoding_format)).toEqual(['float', 'base64']);
    expect(fake.requests[0].body.model).toBe('text-embedding-3-small');
  });

  it('sends the API key as a bearer token, and a dummy one when only a baseURL is given', async () => {
    await embedder({ apiKey: 'sk-test' }).embedQuery('a');
    await embedder().embedQuery('a');
    expect(fake.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-test', 'Bearer not-needed']);
    expect(() => new OpenAIEmbedder({ model: 'm' })).toThrow(/apiKey/);
    expect(embedder().id).toBe('openai:text-embedding-3-small');
  });

  it('retries a 429 that has no Retry-After, then succeeds', async () => {
    fake.failNext('embeddings', { status: 429 });
    closeTo(await embedder().embedQuery('x'), expected('x'));
    expect(fake.requests).toHaveLength(2);
  });

  it('waits as long as Retry-After asks before retrying a 429', async () => {
    fake.failNext('embeddings', { status: 429, retryAfter: 1 });
    const started = Date.now();
    closeTo(await embedder().embedQuery('x'), expected('x'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.requests).toHaveLength(2);
  });

  it('retries a 500 and a timeout, then succeeds', async () => {
    fake.failNext('embeddings', { status: 500 });
    fake.failNext('embeddings', { delayMs: 1500 });
    const retries: number[] = [];
    const vector = await embedder({ timeoutMs: 300, onRetry: (r) => retries.push(r.attempt) }).embedQuery('x');
    closeTo(vector, expected('x'));
    expect(fake.requests).toHaveLength(3);
    expect(retries).toEqual([1, 2]);
    // the SDK must not retry on its own underneath us
    expect(fake.requests.every((r) => (r.headers['x-stainless-retry-count'] ?? '0') === '0')).toBe(true);
  });

  it('retries a response with a garbled body or a dropped connection', async () => {
    fake.failNext('embeddings', { garbage: true });
    fake.failNext('embeddings', { brokenStream: true });
    closeTo(await embedder().embedQuery('x'), expected('x'));
    expect(fake.requests).toHaveLength(3);
  });

  it('gives up after maxRetries with the status and attempt count', async () => {
    for (let i = 0; i < 3; i++) fake.failNext('embeddings', { status: 503 });
    const error = await embedder({ maxRetries: 2 }).embedQuery('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingRequestError);
    expect(error).toMatchObject({ status: 503, attempts: 3 });
    expect((error as Error).message).toMatch(/after 3 attempts.*503/);
    expect(fake.requests).toHaveLength(3);
  });

  it('fails fast on 401 with a clear error and no retries', async () => {
    const locked = await startFakeOpenAI({ apiKey: 'sk-right' });
    const bad = new OpenAIEmbedder({ baseURL: locked.url, apiKey: 'sk-wrong', model: 'm', retryBaseMs: 5 });
    const error = await bad.embedDocuments(['a', 'b']).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'EmbeddingRequestError', status: 401, attempts: 1 });
    expect((error as Error).message).toContain(`openai:m embeddings at ${locked.url} failed (not retried): 401 Incorrect API key`);
    expect(locked.requests).toHaveLength(1);
    await locked.close();
  });

  it('does not wait out a Retry-After beyond a minute: that is exhausted quota, not a blip', async () => {
    fake.failNext('embeddings', { status: 429, retryAfter: 120 });
    await expect(embedder().embedQuery('x')).rejects.toMatchObject({ status: 429, attempts: 1 });
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry a 400', async () => {
    fake.failNext('embeddings', { status: 400 });
    await expect(embedder().embedQuery('x')).rejects.toMatchObject({ status: 400, attempts: 1 });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('OpenAI embedder with a cache', () => {
  const cached = (cache = new EmbeddingCache({ dir })) =>
    createOpenAIEmbedder({ baseURL: fake.url, model: 'text-embedding-3-small', batchSize: 2, cache });

  it('makes no request for texts already embedded, also after reopening the cache from disk', async () => {
    const first = await cached().embedDocuments(texts(5));
    expect(fake.requests).toHaveLength(3);
    const again = await cached().embedDocuments(texts(5));
    expect(fake.requests).toHaveLength(3);
    expect(again).toEqual(first);
    expect(await readdir(dir)).toEqual([expect.stringMatching(/^openai_text-embedding-3-small-[0-9a-f]{8}\.bin$/)]);
  });

  it('sends only the missing texts of a partly cached batch, once each', async () => {
    const e = cached();
    await e.embedDocuments(['a', 'b']);
    const vectors = await e.embedDocuments(['a', 'c', 'b', 'c', 'd']);
    expect(inputs()).toEqual([['a', 'b'], ['c', 'd']]);
    vectors.forEach((v, i) => closeTo(v, expected(['a', 'c', 'b', 'c', 'd'][i])));
  });

  it('recovers from a corrupt cache file by re-embedding and rewriting it', async () => {
    await cached().embedDocuments(['a']);
    const file = new EmbeddingCache({ dir }).fileFor('openai:text-embedding-3-small');
    await writeFile(file, 'not a cache');
    const warnings: string[] = [];
    const vectors = await cached(new EmbeddingCache({ dir, onWarning: (m) => warnings.push(m) })).embedDocuments(['a']);
    closeTo(vectors[0], expected('a'));
    expect(warnings).toEqual([expect.stringContaining('ignoring corrupt')]);
    expect(fake.requests).toHaveLength(2);
    await cached().embedDocuments(['a']);
    expect(fake.requests).toHaveLength(2);
  });

  it('builds its own cache from cacheDir', async () => {
    const fromDir = () => createOpenAIEmbedder({ baseURL: fake.url, model: 'm', cacheDir: join(dir, 'c') });
    await fromDir().embedDocuments(['a']);
    await fromDir().embedDocuments(['a']);
    expect(fake.requests).toHaveLength(1);
  });

  it('caches queries apart from documents', async () => {
    const e = cached();
    await e.embedQuery('q');
    await e.embedQuery('q');
    await e.embedDocuments(['q']);
    expect(fake.requests).toHaveLength(2);
  });
});
