import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../server/app.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai-server.ts';
import { listenApp } from '../support/test-app.ts';
import { postSse } from './sse-client.ts';

// The LLM's time budget for streamed answers: a pace (first token, then no long gap), not a total.
const QUESTION = 'What were the operating loss and operating margin in Q1 fiscal 2024?';
const REPLY = 'Operating loss was $22.3 million [1], and the quarter was better than the one before [1].';

describe('LLM stream budget: first-token and idle-gap timeouts', () => {
  let fake: FakeOpenAI;
  let app: App;
  let url: string;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ onChat: () => REPLY, streamChunkChars: 6 });
    // A total deadline of 500 ms would cut every slow answer below short.
    ({ app, url } = await listenApp({ OPENAI_BASE_URL: fake.url, LLM_TIMEOUT_MS: '500', LLM_FIRST_TOKEN_TIMEOUT_MS: '800', LLM_IDLE_TIMEOUT_MS: '400' }));
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  const ask = async () => {
    const started = performance.now();
    const { events } = await postSse(`${url}/v1/ask`, { question: QUESTION, stream: true });
    return { done: JSON.parse(events.at(-1)!.data) as { mode: string; degraded?: boolean; degradedReason?: string; answer: string }, ms: performance.now() - started };
  };

  it('lets a slow but steady model finish (16 chunks, 120 ms apart: ~2 s, four times LLM_TIMEOUT_MS)', async () => {
    fake.failNext('chat', { dripMs: 120 });
    const { done, ms } = await ask();
    expect(ms).toBeGreaterThan(1500);
    expect(done).toMatchObject({ mode: 'llm' });
    expect(done.degraded).toBeUndefined();
    expect(done.answer).toContain('$22.3 million');
  }, 20_000);

  it('gives up on a stream that goes quiet for longer than LLM_IDLE_TIMEOUT_MS, and serves the quotes', async () => {
    fake.failNext('chat', { stallAfter: 3, stallMs: 3000 });
    const { done, ms } = await ask();
    expect(done).toMatchObject({ mode: 'extractive', degraded: true, degradedReason: 'llm_timeout' });
    expect(ms).toBeLessThan(2500);
  }, 20_000);

  it('gives up on a model that sends no first token within LLM_FIRST_TOKEN_TIMEOUT_MS', async () => {
    fake.failNext('chat', { delayMs: 3000 });
    const { done, ms } = await ask();
    expect(done).toMatchObject({ mode: 'extractive', degraded: true, degradedReason: 'llm_timeout' });
    expect(ms).toBeLessThan(2500);
  }, 20_000);
});
