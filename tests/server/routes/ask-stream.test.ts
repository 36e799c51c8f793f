import { connect } from 'node:net';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { LocalEmbedder } from '../../../ingest/embedders/local.ts';
import { buildApp, type App } from '../../../server/app.ts';
import { loadServerConfig } from '../../../server/config.ts';
import { clientGone, openSse } from '../../../server/routes/shared/sse.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai-server.ts';
import { listenApp, seedIndex } from '../support/test-app.ts';
import { parseSse, postSse } from './sse-client.ts';

const QUESTION = 'What were the operating loss and operating margin in Q1 fiscal 2024?';

describe('POST /v1/ask as server-sent events (extractive)', () => {
  let app: App;
  let url: string;
  beforeAll(async () => {
    ({ app, url } = await listenApp());
  });
  afterAll(() => app.close());

  it('sends token* then citations then done, and done equals the JSON answer', async () => {
    const { res, events } = await postSse(`${url}/v1/ask`, { question: QUESTION, stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toContain('no-cache');
    // The usual cross-cutting headers still apply to a streamed reply.
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-ratelimit-limit')).toBeTruthy();

    const names = events.map((e) => e.event);
    const firstNonToken = names.findIndex((n) => n !== 'token');
    expect(firstNonToken).toBeGreaterThan(0);
    expect(names.slice(firstNonToken)).toEqual(['citations', 'done']);
    const done = JSON.parse(events.at(-1)!.data);
    const citations = JSON.parse(events.at(-2)!.data);
    const text = events.filter((e) => e.event === 'token').map((e) => JSON.parse(e.data).text).join('');
    expect(text).toBe(done.answer);
    expect(citations).toEqual({ citations: done.citations, seeAlso: done.seeAlso });

    const json = await (await fetch(`${url}/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTION }) })).json();
    expect({ ...done, tookMs: 0 }).toEqual({ ...json, tookMs: 0 });
  });

  it('streams when the client asks for text/event-stream, and answers JSON when stream is false', async () => {
    const { res, events } = await postSse(`${url}/v1/ask`, { question: QUESTION }, { accept: 'text/event-stream' });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events.at(-1)!.event).toBe('done');
    const plain = await fetch(`${url}/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ question: QUESTION, stream: false }) });
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers invalid input with a problem+json 400, not a stream', async () => {
    const res = await fetch(`${url}/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ question: '', stream: true }) });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('POST /v1/ask as server-sent events (LLM)', () => {
  const logs: { level: number; msg: string }[] = [];
  let app: App;
  let url: string;
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({
      onChat: () => 'Operating loss was $22.3 million [1], a margin of negative 15% [7] and better than before [1].',
      streamChunkChars: 5,
    });
    const config = loadServerConfig({ OPENAI_BASE_URL: fake.url, LLM_TIMEOUT_MS: '3000' });
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    app = await buildApp(config, { index: await seedIndex(), embedder: new LocalEmbedder(), logger });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it('streams the model tokens, then a verified done: invalid markers stripped', async () => {
    const { events } = await postSse(`${url}/v1/ask`, { question: QUESTION, stream: true });
    const tokens = events.filter((e) => e.event === 'token');
    expect(tokens.length).toBeGreaterThan(3);
    const done = JSON.parse(events.at(-1)!.data);
    expect(events.at(-1)!.event).toBe('done');
    expect(done.mode).toBe('llm');
    expect(tokens.map((e) => JSON.parse(e.data).text).join('')).toContain('[7]');
    expect(done.answer).not.toContain('[7]');
    expect(done.citations.length).toBeGreaterThan(0);
    const markers = [...done.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(new Set(markers)).toEqual(new Set(done.citations.map((c: { n: number }) => c.n)));
  });

  it('survives a client that hangs up mid-stream, and answers the next request', async () => {
    fake.failNext('chat', { delayMs: 400 });
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.on('connect', resolve));
    const body = JSON.stringify({ question: QUESTION, stream: true });
    socket.write(`POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 400));

    const res = await fetch(`${url}/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTION }) });
    expect(res.status).toBe(200);
    expect((await res.json()).mode).toBe('llm');
  });

  it('abandons a JSON answer quietly when its client hangs up while the LLM works', async () => {
    fake.failNext('chat', { delayMs: 400 });
    const controller = new AbortController();
    const pending = fetch(`${url}/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTION }), signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(logs.some((l) => l.msg === 'client closed the connection; answer abandoned')).toBe(true);
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
    const res = await fetch(`${url}/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTION }) });
    expect((await res.json()).mode).toBe('llm');
  });

  it('stops streaming after the client hangs up once tokens flow', async () => {
    const before = fake.requestsTo('chat').length;
    const controller = new AbortController();
    const res = await fetch(`${url}/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTION, stream: true }), signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.requestsTo('chat').length).toBe(before + 1);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});

describe('POST /v1/ask when retrieval fails', () => {
  it('answers a problem+json 500 before any event is streamed, with the detail kept in the log', async () => {
    // An embedder adapter whose service is down: the query side fails, as a remote one can.
    const down = { id: new LocalEmbedder().id, embedDocuments: async () => [], embedQuery: async () => Promise.reject(new Error('embedding service down at 10.0.0.7')) };
    const app = await buildApp(loadServerConfig({ LOG_LEVEL: 'silent' }), { index: await seedIndex(), embedder: down });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      for (const body of [{ question: QUESTION, stream: true }, { question: QUESTION }]) {
        const res = await fetch(`${url}/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        expect(res.status).toBe(500);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(JSON.stringify(await res.json())).not.toContain('10.0.0.7');
      }
    } finally {
      await app.close();
    }
  });
});

describe('openSse', () => {
  it('sends keep-alive comments while a stream is quiet, and none while events flow', async () => {
    const app = Fastify();
    app.get('/slow', async (_request, reply) => {
      const sse = openSse(reply, clientGone(reply), 20);
      setTimeout(() => {
        sse.send('{"n":1}', 'tick');
        sse.end();
      }, 90);
      return reply;
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { events, comments } = parseSse(await (await fetch(`${url}/slow`)).text());
      expect(comments.filter((c) => c === 'keep-alive').length).toBeGreaterThanOrEqual(2);
      expect(events).toEqual([{ event: 'tick', data: '{"n":1}' }]);
    } finally {
      await app.close();
    }
  });
});
