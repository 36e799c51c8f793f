import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../server/app.ts';
import { loadServerConfig } from '../../../server/config.ts';
import { SearchPool, searchThreadCount } from '../../../server/rag/threads/search-pool.ts';
import { makeApp, seedIndex } from '../support/test-app.ts';

// Search threads (server/rag/threads) answer exactly as the server's own thread does; a thread
// that cannot start costs nothing but the speed-up.
const QUESTIONS = [
  'What was free cash flow in the fourth quarter?',
  'What did the CFO say about R&D spending?',
  'Who asked about vendor consolidation?',
  'What did management say about the metaverse?',
];
const post = (app: App, url: string, payload: object) => app.inject({ method: 'POST', url, payload });
const withoutTiming = (body: Record<string, unknown>) => ({ ...body, tookMs: 0 });

describe('search threads', () => {
  let threaded: App;
  let alone: App;
  beforeAll(async () => {
    threaded = await makeApp({ SEARCH_THREADS: '1' });
    alone = await makeApp({ SEARCH_THREADS: '0' });
    // Its threads start once it is ready.
    await threaded.ready();
    await threaded.searchThreads!.whenStarted();
  }, 60_000);
  afterAll(async () => {
    await threaded.close();
    await alone.close();
  });

  it('give the same searches and answers as the server thread alone', async () => {
    expect(threaded.searchThreads?.size).toBe(1);
    expect(alone.searchThreads).toBeUndefined();
    for (const q of QUESTIONS) {
      for (const [url, payload] of [['/v1/search', { query: q, k: 5 }], ['/v1/ask', { question: q }]] as const) {
        const [a, b] = await Promise.all([post(threaded, url, payload), post(alone, url, payload)]);
        expect(a.statusCode).toBe(200);
        expect(a.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(withoutTiming(a.json())).toEqual(withoutTiming(b.json()));
      }
    }
    expect(threaded.searchThreads!.handed).toBeGreaterThanOrEqual(2 * QUESTIONS.length);
  });

  it('take every request while they serve, however many come at once, and all succeed', async () => {
    const before = threaded.searchThreads!.handed;
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => post(threaded, '/v1/search', { query: QUESTIONS[i % QUESTIONS.length] })));
    expect(replies.map((r) => r.statusCode)).toEqual(replies.map(() => 200));
    // None in the server's thread: a search there cost ~4× one in a thread (search-pool.ts).
    expect(threaded.searchThreads!.handed - before).toBe(12);
  });

  it('before a thread has opened the index, the server thread answers', async () => {
    const index = await seedIndex();
    const config = loadServerConfig({ LOG_LEVEL: 'silent', INDEX_DIR: path.dirname(index.dir) });
    const pool = new SearchPool(1, { indexDir: config.INDEX_DIR, generationDir: index.dir, config });
    // Not started yet (the server starts its threads once it is ready), then starting.
    const before = await pool.run({ op: 'search', query: 'revenue', opts: {} }, async () => 'searched here');
    pool.start();
    const early = await pool.run({ op: 'search', query: 'revenue', opts: {} }, async () => 'searched here');
    await pool.whenStarted();
    const late = await pool.run({ op: 'search', query: 'revenue', opts: { k: 1 } }, async () => 'searched here');
    await pool.close();
    expect(before).toEqual({ value: 'searched here' });
    expect(early).toEqual({ value: 'searched here' });
    expect(late).toHaveProperty('json');
    expect(pool.handed).toBe(1);
  }, 60_000);

  it('a thread that cannot open its index takes no work and the request is still answered', async () => {
    const config = loadServerConfig({ LOG_LEVEL: 'silent' });
    const warnings: string[] = [];
    const pool = new SearchPool(1, { indexDir: '/nonexistent', generationDir: '/nonexistent/gen-0', config }, { info: () => {}, warn: (_o, msg) => warnings.push(msg ?? '') });
    pool.start();
    await pool.whenStarted();
    expect(await pool.run({ op: 'search', query: 'revenue', opts: {} }, async () => 'searched here')).toEqual({ value: 'searched here' });
    expect(pool.handed).toBe(0);
    expect(warnings.join()).toMatch(/search thread failed/);
    await pool.close();
  }, 60_000);
});

describe('searchThreadCount', () => {
  it('auto: one per core beyond the server’s on a large library, none on a small one; a number is taken as it is', () => {
    expect(searchThreadCount('auto', 122_000, 2)).toBe(1);
    expect(searchThreadCount('auto', 122_000, 8)).toBe(3);
    expect(searchThreadCount('auto', 122_000, 1)).toBe(0);
    expect(searchThreadCount('auto', 171, 8)).toBe(0);
    expect(searchThreadCount(2, 171, 1)).toBe(2);
    expect(searchThreadCount(0, 122_000, 8)).toBe(0);
  });
});
