import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeEmbedding, startFakeOpenAI, type FakeOpenAI } from './fake-openai-server.ts';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI({ dimensions: 4, onChat: () => 'Hello there, friend.' });
});
afterEach(() => fake.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** Splits an SSE body into its `data:` payloads, checking every event ends with a blank line. */
function sseData(text: string): string[] {
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((event) => {
      expect(event.startsWith('data: ')).toBe(true);
      return event.slice('data: '.length);
    });
}

describe('fake OpenAI server', () => {
  it('embeds arrays and strings deterministically, as floats or base64, with or without /v1', async () => {
    const floats = await (await post('/embeddings', { model: 'm', input: ['a', 'b'] })).json();
    expect(floats.object).toBe('list');
    expect(floats.data.map((d: any) => d.index)).toEqual([0, 1]);
    expect(floats.data[1].embedding).toEqual(fakeEmbedding('b', 4));

    const b64 = await (await post('/embeddings', { model: 'm', input: 'a', encoding_format: 'base64', dimensions: 3 })).json();
    const bytes = Buffer.from(b64.data[0].embedding, 'base64');
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
    expect(decoded).toEqual(fakeEmbedding('a', 3).map(Math.fround));

    const root = fake.url.replace(/\/v1$/, '');
    const res = await fetch(`${root}/embeddings`, { method: 'POST', body: JSON.stringify({ input: 'a' }) });
    expect((await res.json()).data[0].embedding).toEqual(fakeEmbedding('a', 4));
    expect(fake.requestsTo('embeddings').map((r) => r.path)).toEqual(['/v1/embeddings', '/v1/embeddings', '/embeddings']);
  });

  it('records requests and plays queued faults in order, once each', async () => {
    fake.failNext('embeddings', { status: 429, retryAfter: 2 });
    fake.failNext('embeddings', { status: 500 });
    const first = await post('/embeddings', { input: 'x' }, { authorization: 'Bearer k' });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect((await first.json()).error.message).toMatch(/429/);
    expect((await post('/embeddings', { input: 'x' })).status).toBe(500);
    expect((await post('/embeddings', { input: 'x' })).status).toBe(200);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[0].headers.authorization).toBe('Bearer k');
    expect(fake.requests[0].body).toEqual({ input: 'x' });
  });

  it('answers chat as JSON and as SSE chunks ending in [DONE]', async () => {
    const json = await (await post('/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hi' }] })).json();
    expect(json.choices[0].message).toMatchObject({ role: 'assistant', content: 'Hello there, friend.' });

    const res = await post('/chat/completions', { model: 'm', stream: true, messages: [] });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const data = sseData(await res.text());
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks.map((c) => c.choices[0].delta.content ?? '').join('')).toBe('Hello there, friend.');
    expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
  });

  it('echoes the last user message by default', async () => {
    const echo = await startFakeOpenAI();
    const res = await fetch(`${echo.url}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ messages: [{ role: 'user', content: 'ping' }] }),
    });
    expect((await res.json()).choices[0].message.content).toBe('echo: ping');
    await echo.close();
  });

  it('rejects a wrong API key with 401 when one is configured', async () => {
    const locked = await startFakeOpenAI({ apiKey: 'sk-right' });
    const res = await fetch(`${locked.url}/embeddings`, { method: 'POST', headers: { authorization: 'Bearer sk-wrong' }, body: '{}' });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('invalid_api_key');
    await locked.close();
  });

  it('delays, sends garbage, and breaks streams on request', async () => {
    fake.failNext('embeddings', { delayMs: 150 });
    const started = Date.now();
    expect((await post('/embeddings', { input: 'x' })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    fake.failNext('embeddings', { garbage: true });
    await expect((await post('/embeddings', { input: 'x' })).json()).rejects.toThrow();

    fake.failNext('chat', { garbage: true });
    const garbage = await (await post('/chat/completions', { stream: true, messages: [] })).text();
    expect(garbage.startsWith('data: {not json')).toBe(true);
    expect(() => JSON.parse(garbage.split('\n\n')[0].slice('data: '.length))).toThrow();

    fake.failNext('chat', { brokenStream: true });
    const broken = await post('/chat/completions', { stream: true, messages: [] });
    await expect(broken.text()).rejects.toThrow();
  });
});
