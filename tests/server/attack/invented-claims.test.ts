// Regression (issue 11, defect 2): invented facts were served as grounded. A reply quoting words
// no passage holds ("revenue grew 900% … acquired the Moon" [1]) came back as mode llm, a claim
// whose only marker was invalid ([9]) was kept without a citation, and a stalled stream sent the
// extractive answer twice. The fake OpenAI-compatible server's "invent" and "stall" modes, over HTTP.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../server/app.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai-server.ts';
import { postSse } from '../routes/sse-client.ts';
import { listenApp } from '../support/test-app.ts';

const QUESTION = 'What were the operating loss and operating margin in Q1 fiscal 2024?';
const GOOD = 'Operating loss was $22.3 million [1].';
const INVENTIONS = ['900', 'Moon', 'Zorblax'];

const postJson = async (url: string, body: object) =>
  (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

const expectNoInvention = (text: string) => {
  for (const word of INVENTIONS) expect(text).not.toContain(word);
};

describe('invented claims are never served', () => {
  let app: App;
  let url: string;
  let fake: FakeOpenAI;
  let client: OpenAI;
  let reply = GOOD;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ onChat: () => reply, streamChunkChars: 8 });
    ({ app, url } = await listenApp({ OPENAI_BASE_URL: fake.url, LLM_TIMEOUT_MS: '800', LLM_FIRST_TOKEN_TIMEOUT_MS: '800', LLM_IDLE_TIMEOUT_MS: '800', RATE_LIMIT_PER_MIN: '0' }));
    client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0 });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it('/v1/ask: an invented quotation and a claim citing only [9] leave nothing: degraded, extractive', async () => {
    fake.failNext('chat', { invent: true });
    const body = await postJson(`${url}/v1/ask`, { question: QUESTION });
    expect(body).toMatchObject({ mode: 'extractive', degraded: true, degradedReason: 'llm_unverified_claims' });
    expectNoInvention(body.answer);
  });

  it('/v1/ask: beside a supported claim, both inventions are dropped and counted', async () => {
    reply = `${GOOD} The CFO said "revenue grew 900% … after we acquired the Moon" [1]. Zorblax Industries doubled its backlog [9].`;
    const body = await postJson(`${url}/v1/ask`, { question: QUESTION });
    expect(body).toMatchObject({ mode: 'llm', answer: GOOD, verification: { claims: 3, dropped: 2 } });
    const reasons = body.verification.problems.map((p: { reason: string }) => p.reason);
    expect(reasons).toContain('quote_not_found');
    expect(reasons).toContain('no_valid_citation');
    reply = GOOD;
  });

  it('/v1/ask streamed: the done event holds no invention', async () => {
    fake.failNext('chat', { invent: true });
    const { events } = await postSse(`${url}/v1/ask`, { question: QUESTION, stream: true });
    const done = events.filter((e) => e.event === 'done');
    expect(done).toHaveLength(1);
    const result = JSON.parse(done[0].data);
    expect(result).toMatchObject({ degraded: true, degradedReason: 'llm_unverified_claims' });
    expectNoInvention(result.answer);
  });

  it('/v1/chat/completions, JSON and streamed: no invention in the content', async () => {
    fake.failNext('chat', { invent: true });
    const completion = await client.chat.completions.create({ model: 'transcript-qa', messages: [{ role: 'user', content: QUESTION }] });
    expectNoInvention(completion.choices[0].message.content!);

    fake.failNext('chat', { invent: true });
    const stream = await client.chat.completions.create({ model: 'transcript-qa', stream: true, messages: [{ role: 'user', content: QUESTION }] });
    const deltas: string[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) deltas.push(chunk.choices[0].delta.content);
    expect(deltas).toHaveLength(1);
    expectNoInvention(deltas[0]);
  });

  it('a stalled stream: /v1/ask sends the extractive answer once, in done; tokens carry no second copy', async () => {
    reply = `${GOOD} More text that never arrives [1].`;
    fake.failNext('chat', { stallMs: 3_000 });
    const { events } = await postSse(`${url}/v1/ask`, { question: QUESTION, stream: true });
    const done = JSON.parse(events.find((e) => e.event === 'done')!.data);
    expect(done).toMatchObject({ mode: 'extractive', degraded: true, degradedReason: 'llm_timeout' });
    const tokens = events.filter((e) => e.event === 'token').map((e) => JSON.parse(e.data).text as string).join('');
    const head = done.answer.slice(0, 40);
    expect(tokens).not.toContain(head);
    reply = GOOD;
  });

  it('a stalled stream: /v1/chat/completions sends one content delta, the extractive answer', async () => {
    reply = `${GOOD} More text that never arrives [1].`;
    fake.failNext('chat', { stallMs: 3_000 });
    const stream = await client.chat.completions.create({ model: 'transcript-qa', stream: true, messages: [{ role: 'user', content: QUESTION }] });
    const deltas: string[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) deltas.push(chunk.choices[0].delta.content);
    expect(deltas).toHaveLength(1);
    expect(deltas[0]).not.toContain('never arrives');
    reply = GOOD;
  });
});
