// The fuzz suite of issue 11, bounded and seeded: ≥ 10,000 hostile requests over real loopback
// HTTP (and raw sockets for what is not HTTP) against the in-process app, Slack routes included.
// Every response must be below 500, and every error must be application/problem+json.
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../server/app.ts';
import { makeApp, seedIndex } from '../support/test-app.ts';
import { createFuzzer, type FuzzRequest } from './fuzz-requests.ts';
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
