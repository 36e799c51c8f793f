// Regression (issue 11, defect 1): one request stalled the server. /v1/chat/completions read an
// ~900 KB history whole into the follow-up rewrite (7–8 s of CPU, /healthz waiting 3.7–8 s behind
// it), and 1 MB of nested JSON blocked for 0.4–0.7 s before its 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../server/app.ts';
import { boundConversation, MAX_CONVERSATION_CHARS, MAX_CONVERSATION_TURNS } from '../../../server/rag/conversation/conversation-bounds.ts';
import { listenApp } from '../support/test-app.ts';

const post = (url: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

/** Milliseconds a request takes, and /healthz asked while it runs. */
async function withHealthProbe(url: string, request: () => Promise<Response>) {
  const started = performance.now();
  const pending = request();
  await new Promise((r) => setTimeout(r, 20));
  const probeStart = performance.now();
  const health = await fetch(`${url}/healthz`);
  const healthMs = performance.now() - probeStart;
  const res = await pending;
  return { res, ms: performance.now() - started, healthMs, healthStatus: health.status };
}

describe('bounded work per request', () => {
  let app: App;
  let url: string;
  beforeAll(async () => {
    ({ app, url } = await listenApp({ RATE_LIMIT_PER_MIN: '0' }));
  });
  afterAll(() => app.close());

  it('a ~900 KB chat history is answered quickly and /healthz is not held behind it', async () => {
    const words = 'and what about the churn of enterprise customers in the second quarter of fiscal 2024 and why ';
    const turn = words.repeat(Math.ceil(6_000 / words.length)).slice(0, 6_000);
    const messages = Array.from({ length: 150 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `${turn} ${i}` }));
    messages.push({ role: 'user', content: 'and what about it?' });
    const body = JSON.stringify({ model: 'transcript-qa', messages });
    expect(body.length).toBeGreaterThan(850_000);
    const { res, ms, healthMs, healthStatus } = await withHealthProbe(url, () => post(`${url}/v1/chat/completions`, body));
    expect(res.status).toBe(200);
    expect(healthStatus).toBe(200);
    // 7–8 s and 3.7–8 s before; generous bounds for a loaded 2-core machine.
    expect(ms).toBeLessThan(2_500);
    expect(healthMs).toBeLessThan(1_500);
  });

  it('a conversation is read only up to its caps, newest turns first', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ role: 'user' as const, content: `${'x'.repeat(9_000)} ${i}` }));
    const kept = boundConversation(many);
    expect(kept.length).toBeLessThanOrEqual(MAX_CONVERSATION_TURNS);
    expect(kept.reduce((n, m) => n + m.content.length, 0)).toBeLessThanOrEqual(MAX_CONVERSATION_CHARS);
    expect(kept.at(-1)!.content.startsWith('x')).toBe(true);
    expect(boundConversation(many.slice(-2).map((m, i) => ({ ...m, content: `short ${i}` })))).toHaveLength(2);
  });

  it('a question that bypasses the routes (a 40,000-character Slack message) is read up to 2,000 characters', async () => {
    const result = await app.rag.ask.ask({ question: `What was revenue? ${'and more words '.repeat(2_700)}` });
    expect(result.query.length).toBeLessThanOrEqual(2_000);
  });

  it('1 MB of nested JSON is refused at once with a 400 problem', async () => {
    for (const open of ['[', '{"a":']) {
      const body = open.repeat(Math.floor(1_000_000 / open.length));
      const { res, ms, healthMs } = await withHealthProbe(url, () => post(`${url}/v1/ask`, body));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      // Refused by the depth scan, before JSON.parse and the validators see it.
      expect((await res.json()).detail).toBe('The JSON body nests deeper than 32 levels');
      expect(ms).toBeLessThan(1_000);
      expect(healthMs).toBeLessThan(1_000);
    }
  });

  it('brackets inside strings do not count as nesting', async () => {
    const res = await post(`${url}/v1/ask`, JSON.stringify({ question: `what about ${'['.repeat(500)}?` }));
    expect(res.status).toBe(200);
  });

  it('a chat message over its cap is a 400 problem naming the field', async () => {
    const body = JSON.stringify({ messages: [{ role: 'system', content: 'x'.repeat(40_000) }, { role: 'user', content: 'hi' }] });
    const res = await post(`${url}/v1/chat/completions`, body);
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].path).toMatch(/^body\.messages\.0\.content/);
  });
});
