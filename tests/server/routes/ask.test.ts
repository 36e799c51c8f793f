import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../server/app.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai-server.ts';
import { makeApp } from '../support/test-app.ts';
import { seedLines } from './seed-lines.ts';

const QUESTION = 'What were the operating loss and operating margin in Q1 fiscal 2024?';
const NOT_COVERED = 'What did management say about the metaverse?';
const ask = (app: App, payload: object) => app.inject({ method: 'POST', url: '/v1/ask', payload });

describe('POST /v1/ask (extractive)', () => {
  let app: App;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(() => app.close());

  it('answers with citations whose quotes are in the seed file at those lines', async () => {
    const res = await ask(app, { question: QUESTION });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ answered: true, mode: 'extractive', query: QUESTION });
    expect(body.answer).toContain('22.3');
    expect(body.citations.length).toBeGreaterThan(0);
    for (const c of body.citations) {
      expect(body.answer).toContain(`[${c.n}]`);
      expect(seedLines(c.file, c.startLine, c.endLine)).toContain(c.quote);
    }
    expect(body.citations.some((c: { startLine: number; endLine: number }) => c.startLine <= 116 && c.endLine >= 116)).toBe(true);
    expect(body.understood.searchText).toBeTruthy();
  });

  it('abstains on a topic the transcripts do not cover, pointing at the closest passages', async () => {
    const body = (await ask(app, { question: NOT_COVERED })).json();
    expect(body).toMatchObject({ answered: false, citations: [] });
    expect(body.answer).toMatch(/don't cover/);
    for (const c of body.seeAlso) expect(seedLines(c.file, c.startLine, c.endLine)).toContain(c.quote);
  });

  it('honours filters: a role filter keeps citations to that role, an unknown call abstains', async () => {
    const analysts = (await ask(app, { question: 'What did analysts ask about guidance?', filters: { roles: ['analyst'] } })).json();
    expect([...analysts.citations, ...analysts.seeAlso].every((c: { role: string }) => c.role === 'analyst')).toBe(true);
    const none = (await ask(app, { question: QUESTION, filters: { callIds: ['no-such-call'] } })).json();
    expect(none).toMatchObject({ answered: false, citations: [], seeAlso: [] });
  });

  it('rewrites a follow-up from the conversation before searching', async () => {
    const body = (
      await ask(app, {
        question: 'and what about Q4?',
        messages: [
          { role: 'user', content: 'What was free cash flow in Q1?' },
          { role: 'assistant', content: 'Free cash flow was ...' },
        ],
      })
    ).json();
    expect(body.query).not.toBe('and what about Q4?');
    expect(body.query).toMatch(/free cash flow/i);
  });

  it.each([
    ['a missing question', {}, 'body.question'],
    ['a question over 2000 characters', { question: 'x'.repeat(2001) }, 'body.question'],
    ['k = 0', { question: QUESTION, k: 0 }, 'body.k'],
    ['k as a string', { question: QUESTION, k: '5' }, 'body.k'],
    ['an unknown role', { question: QUESTION, filters: { roles: ['ceo'] } }, 'body.filters.roles.0'],
    ['a system message in messages', { question: QUESTION, messages: [{ role: 'system', content: 'hi' }] }, 'body.messages.0.role'],
    ['too many messages', { question: QUESTION, messages: Array.from({ length: 21 }, () => ({ role: 'user', content: 'x' })) }, 'body.messages'],
    ['a non-boolean stream', { question: QUESTION, stream: 'yes' }, 'body.stream'],
  ])('rejects %s with a 400 naming the field', async (_name, payload, field) => {
    const res = await ask(app, payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('rejects an unknown field, naming it', async () => {
    const res = await ask(app, { question: QUESTION, topK: 3 });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('"topK"');
  });
});

describe('POST /v1/ask (LLM through an OpenAI-compatible server)', () => {
  let app: App;
  let fake: FakeOpenAI;
  let reply = '';
  beforeAll(async () => {
    fake = await startFakeOpenAI({ onChat: () => reply });
    app = await makeApp({ OPENAI_BASE_URL: fake.url, LLM_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it('answers in llm mode, keeping valid citation markers and stripping invalid ones', async () => {
    reply = 'Operating loss was $22.3 million, a 15% operating loss margin [1]. It also beat expectations [42].';
    const res = await ask(app, { question: QUESTION });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.mode).toBe('llm');
    expect(body.degraded).toBeUndefined();
    expect(body.answer).toContain('[1]');
    expect(body.answer).not.toContain('[42]');
    expect(body.citations).toHaveLength(1);
    expect(seedLines(body.citations[0].file, body.citations[0].startLine, body.citations[0].endLine)).toContain(body.citations[0].quote);
    expect(fake.requestsTo('chat').at(-1)!.body.messages[1].content).toContain(QUESTION);
  });

  it('serves the extractive answer with status 200, marked degraded, when the LLM answers 500', async () => {
    fake.failNext('chat', { status: 500 });
    const res = await ask(app, { question: QUESTION });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ mode: 'extractive', degraded: true, answered: true });
    expect(body.degradedReason).toBeTruthy();
    expect(body.citations.length).toBeGreaterThan(0);
  });
});
