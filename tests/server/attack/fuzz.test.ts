// The fuzz suite of issue 11, bounded and seeded: ≥ 10,000 hostile requests over real loopback
// HTTP (and raw sockets for what is not HTTP) against the in-process app, Slack routes included.
// Every response must be below 500, and every error must be application/problem+json.
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../server/app.ts';
import { listenApp, makeApp, seedIndex } from '../support/test-app.ts';
import { startFakeOpenAI, type FakeFault, type FakeOpenAI } from '../../support/fake-openai-server.ts';
import { createReplyFuzzer, INVENTED_WORDS } from './fuzz-llm-replies.ts';
import { createFuzzer, mulberry32, type FuzzRequest } from './fuzz-requests.ts';
import { rawRequest } from './raw-http.ts';

const SEED = 20_261_128;
const REQUESTS = 10_500;
const CONCURRENCY = 16;

interface Outcome {
  status: number;
  contentType: string;
}

function send(port: number, agent: Agent, r: Extract<FuzzRequest, { kind: 'http' }>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const body = r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body;
    const headers: Record<string, string | number> = { ...r.headers, ...(body !== undefined && { 'content-length': Buffer.byteLength(body) }) };
    const req = httpRequest({ host: '127.0.0.1', port, method: r.method, path: r.path, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? '') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('fuzz: hostile requests never get a 5xx or a non-problem error', () => {
  let app: App;
  let port: number;
  beforeAll(async () => {
    app = await makeApp({
      RATE_LIMIT_PER_MIN: '0',
      SLACK_SIGNING_SECRET: 'fuzz-secret',
      SLACK_BOT_TOKEN: 'xoxb-fuzz',
      // Nothing listens there: unsigned Slack requests are refused before any call would go out.
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
    port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
  });
  afterAll(() => app.close());

  it(`${REQUESTS} seeded requests: 0 5xx, 0 errors that are not problem+json`, async () => {
    const callIds = (await seedIndex()).calls.map((c) => c.call.id);
    const next = createFuzzer(SEED, callIds);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const statuses = new Map<number, number>();
    const bad: string[] = [];
    let sent = 0;
    const started = performance.now();

    async function worker() {
      while (sent < REQUESTS) {
        sent++;
        const r = next();
        let outcome: Outcome;
        try {
          outcome = r.kind === 'raw' ? await rawRequest(port, r.bytes).then((res) => ({ status: res.status, contentType: res.headers['content-type'] ?? '' })) : await send(port, agent, r);
        } catch (error) {
          bad.push(`transport ${String(error)} ← ${label(r)}`);
          continue;
        }
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        if (outcome.status >= 500 || outcome.status === 0) bad.push(`${outcome.status} ← ${label(r)}`);
        else if (outcome.status >= 400 && !outcome.contentType.startsWith('application/problem+json')) bad.push(`${outcome.status} ${outcome.contentType} ← ${label(r)}`);
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();

    const seconds = (performance.now() - started) / 1000;
    const fiveXx = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    console.info(`fuzz: ${sent} requests in ${seconds.toFixed(1)} s, statuses ${JSON.stringify(Object.fromEntries(statuses))}, 5xx ${fiveXx}, bad ${bad.length}`);
    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect(bad.slice(0, 10)).toEqual([]);
    expect(fiveXx).toBe(0);
    // The server still answers afterwards.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  }, 120_000);
});

/** A request in a line, for failure messages. */
const label = (r: FuzzRequest) => (r.kind === 'raw' ? `raw ${JSON.stringify(r.bytes.slice(0, 80))}` : `${r.method} ${r.path.slice(0, 80)} ${JSON.stringify(r.headers)} ${(r.body ?? '').slice(0, 120)}`);

describe('fuzz: a misbehaving model never yields a 5xx, an invented word or a marker that points nowhere', () => {
  const LLM_REQUESTS = 600;
  let app: App;
  let url: string;
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ onChat: createReplyFuzzer(SEED), streamChunkChars: 64 });
    ({ app, url } = await listenApp({ RATE_LIMIT_PER_MIN: '0', OPENAI_BASE_URL: fake.url, LLM_TIMEOUT_MS: '400' }));
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it(`${LLM_REQUESTS} seeded questions on /v1/ask and /v1/chat/completions, JSON and streamed`, async () => {
    const rnd = mulberry32(SEED + 1);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    // Upstream errors, timeouts and garbage have their own tests (ask.test.ts); here the model answers, badly.
    const faults: Array<FakeFault | undefined> = [undefined, undefined, undefined, undefined, { brokenStream: true }, { invent: true }];
    const questions = ['What were the operating loss and operating margin in Q1 fiscal 2024?', 'What did the CFO say about free cash flow?', 'When is the Investor Day?', 'and in Q4?'];
    const problems: string[] = [];
    let sent = 0;
    const started = performance.now();

    const check = (where: string, answer: string, citations: unknown[]) => {
      for (const word of INVENTED_WORDS) if (answer.includes(word)) problems.push(`${where}: invented "${word}" served`);
      for (const m of answer.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)) for (const n of m[1].split(',').map(Number)) if (n < 1 || n > citations.length) problems.push(`${where}: marker [${n}] with ${citations.length} citations`);
    };

    async function worker() {
      while (sent < LLM_REQUESTS) {
        sent++;
        const fault = pick(faults);
        if (fault) fake.failNext('chat', fault);
        const question = pick(questions);
        const stream = rnd() < 0.3;
        const chat = rnd() < 0.5;
        const path = chat ? '/v1/chat/completions' : '/v1/ask';
        const body = chat ? { messages: [{ role: 'user', content: question }], stream } : { question, stream, messages: rnd() < 0.3 ? [{ role: 'user', content: questions[0] }] : undefined };
        const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        const text = await res.text();
        const type = res.headers.get('content-type') ?? '';
        if (res.status >= 500) problems.push(`${res.status} on ${path}`);
        else if (res.status >= 400) {
          if (!type.startsWith('application/problem+json')) problems.push(`${res.status} ${type} on ${path}`);
        } else if (!stream && !chat) {
          const result = JSON.parse(text);
          check(path, result.answer, result.citations);
        } else if (!stream && chat) {
          const result = JSON.parse(text);
          check(path, result.choices[0].message.content.split(/\n\n(?:Sources|See also):\n/)[0], result.citations);
        } else {
          const datas = text.split('\n\n').filter((b) => b.includes('data: ')).map((b) => b.slice(b.indexOf('data: ') + 6));
          if (chat) {
            const chunks = datas.filter((d) => d !== '[DONE]').map((d) => JSON.parse(d));
            if (chunks.some((c) => c.error)) problems.push(`stream error on ${path}`);
            const content = chunks.map((c) => c.choices?.[0]?.delta?.content ?? '').join('');
            const citations = chunks.find((c) => c.citations)?.citations ?? [];
            check(`${path} stream`, content.split(/\n\n(?:Sources|See also):\n/)[0], citations);
          } else {
            const done = text.split('\n\n').find((b) => b.startsWith('event: done'));
            if (!done) problems.push(`no done event on ${path}`);
            else {
              const result = JSON.parse(done.slice(done.indexOf('data: ') + 6));
              check(`${path} stream`, result.answer, result.citations);
            }
          }
        }
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker));
    console.info(`fuzz (LLM): ${sent} requests in ${((performance.now() - started) / 1000).toFixed(1)} s, problems ${problems.length}`);
    expect(problems.slice(0, 10)).toEqual([]);
  }, 120_000);
});
