import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ChatModel } from '../../../server/llm/chat-model.ts';
import { LlmError } from '../../../server/llm/llm-error.ts';
import { createOpenAIChatModel } from '../../../server/llm/openai-chat-model.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai-server.ts';

let fake: FakeOpenAI;
let model: ChatModel;
const REPLY = 'Revenue grew 26% year over year [1].';
const messages: ChatMessage[] = [
  { role: 'system', content: 'Answer from the sources.' },
  { role: 'user', content: 'How fast did revenue grow?' },
  { role: 'assistant', content: 'Which quarter?' },
  { role: 'user', content: 'Q1.' },
];

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-test', onChat: () => REPLY, streamChunkChars: 5 });
  model = createOpenAIChatModel({ apiKey: 'sk-test', baseURL: fake.url, model: 'fake-chat', timeoutMs: 5_000 });
});
afterAll(() => fake.close());

const signal = (ms = 2_000) => AbortSignal.timeout(ms);

async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const text of stream) out.push(text);
  return out;
}

async function failure(run: () => Promise<unknown>): Promise<{ error: LlmError; ms: number }> {
  const started = performance.now();
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(LlmError);
    return { error: error as LlmError, ms: performance.now() - started };
  }
  throw new Error('expected the call to fail');
}

describe('OpenAI chat model adapter (LangChain ChatOpenAI)', () => {
  it('completes through chat/completions with the mapped roles, model and temperature 0', async () => {
    const before = fake.requestsTo('chat').length;
    expect(await model.complete(messages, { signal: signal() })).toBe(REPLY);
    const request = fake.requestsTo('chat')[before];
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.body.model).toBe('fake-chat');
    expect(request.body.temperature).toBe(0);
    expect(request.body.messages).toEqual(messages.map((m) => ({ role: m.role, content: m.content })));
    expect(model.id).toBe('openai:fake-chat');
  });

  it('streams the reply as deltas, in order', async () => {
    const before = fake.requestsTo('chat').length;
    const parts = await collect(model.stream(messages, { signal: signal() }));
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.join('')).toBe(REPLY);
    expect(fake.requestsTo('chat')[before].body.stream).toBe(true);
  });

  it('maps 429 to rate_limited and 500 to upstream, without retrying', async () => {
    for (const [status, kind] of [[429, 'rate_limited'], [500, 'upstream']] as const) {
      for (const run of [() => model.complete(messages, { signal: signal() }), () => collect(model.stream(messages, { signal: signal() }))]) {
        const before = fake.requestsTo('chat').length;
        fake.failNext('chat', { status, retryAfter: 1 });
        const { error, ms } = await failure(run);
        expect(error.kind).toBe(kind);
        expect(error.status).toBe(status);
        expect(ms).toBeLessThan(900); // a retry would have waited out Retry-After
        expect(fake.requestsTo('chat').length - before).toBe(1);
      }
    }
  });

  it('turns garbage bodies and SSE into bad_response errors', async () => {
    fake.failNext('chat', { garbage: true });
    expect((await failure(() => model.complete(messages, { signal: signal() }))).error.kind).toBe('bad_response');
    fake.failNext('chat', { garbage: true });
    expect((await failure(() => collect(model.stream(messages, { signal: signal() })))).error.kind).toBe('bad_response');
  });

  it('turns a stream cut midway into an error, after the deltas that did arrive', async () => {
    fake.failNext('chat', { brokenStream: true });
    const seen: string[] = [];
    const { error } = await failure(async () => {
      for await (const text of model.stream(messages, { signal: signal() })) seen.push(text);
    });
    expect(error.kind).toBe('upstream');
    expect(seen.join('')).toBe(REPLY.slice(0, 5));
  });

  it('ends a slow call when the signal times out, as a timeout', async () => {
    for (const run of [
      () => model.complete(messages, { signal: signal(150) }),
      () => collect(model.stream(messages, { signal: signal(150) })),
    ]) {
      fake.failNext('chat', { delayMs: 1_500 });
      const { error, ms } = await failure(run);
      expect(error.kind).toBe('timeout');
      expect(ms).toBeLessThan(700);
    }
  });

  it('reports a caller abort as aborted, not as a timeout', async () => {
    fake.failNext('chat', { delayMs: 1_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { error, ms } = await failure(() => model.complete(messages, { signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect(ms).toBeLessThan(600);
  });

  it('treats an empty reply as a bad response', async () => {
    const empty = await startFakeOpenAI({ onChat: () => '   ' });
    try {
      const m = createOpenAIChatModel({ baseURL: empty.url, model: 'fake-chat' });
      expect((await failure(() => m.complete(messages, { signal: signal() }))).error.kind).toBe('bad_response');
    } finally {
      await empty.close();
    }
  });

  it('needs a key or a base URL', () => {
    expect(() => createOpenAIChatModel({ model: 'x' })).toThrow(/apiKey/);
  });
});
