// The claim check seen by HTTP clients: /v1/ask (JSON and SSE) and /v1/chat/completions (JSON
// and stream) against an OpenAI-compatible model served by the fake on loopback.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../server/app.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai-server.ts';
import { listenApp } from '../support/test-app.ts';
import { postSse } from './sse-client.ts';

const QUESTION = 'What were the operating loss and operating margin in Q1 fiscal 2024?';
const GOOD = 'Operating loss was $22.3 million [1].';
const INVENTED = 'Q1 revenue was $999.9 million [1].';

describe('claims checked over HTTP', () => {
  let app: App;
  let url: string;
  let client: OpenAI;
  let fake: FakeOpenAI;
  let reply = '';
  beforeAll(async () => {
    fake = await startFakeOpenAI({ onChat: () => reply, streamChunkChars: 4 });
    ({ app, url } = await listenApp({ OPENAI_BASE_URL: fake.url, LLM_TIMEOUT_MS: '3000' }));
    client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0 });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it('POST /v1/ask: the invented claim is dropped and `verification` says so', async () => {
    reply = `${GOOD} ${INVENTED}`;
    const res = await fetch(`${url}/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTION }) });
    const body = await res.json();
    expect(body).toMatchObject({ mode: 'llm', answer: GOOD, verification: { claims: 2, dropped: 1, problems: [{ reason: 'unsupported_figure', detail: '$999.9 million' }] } });
  });

  it('POST /v1/ask as SSE: one done, holding only the verified text', async () => {
    reply = `${GOOD} ${INVENTED}`;
    const { events } = await postSse(`${url}/v1/ask`, { question: QUESTION, stream: true });
    const done = events.filter((e) => e.event === 'done');
    expect(done).toHaveLength(1);
    expect(events.at(-1)!.event).toBe('done');
    const result = JSON.parse(done[0].data);
    expect(result).toMatchObject({ mode: 'llm', answer: GOOD, verification: { dropped: 1 } });

    reply = INVENTED;
    const all = await postSse(`${url}/v1/ask`, { question: QUESTION, stream: true });
    const degraded = JSON.parse(all.events.at(-1)!.data);
    expect(degraded).toMatchObject({ mode: 'extractive', degraded: true, degradedReason: 'llm_unverified_claims' });
    expect(degraded.answer).not.toContain('999.9');
  });

  it('POST /v1/chat/completions: the content is the verified answer', async () => {
    reply = `${GOOD} ${INVENTED}`;
    const completion = await client.chat.completions.create({ model: 'transcript-qa', messages: [{ role: 'user', content: QUESTION }] });
    const content = completion.choices[0].message.content!;
    expect(content.startsWith(`${GOOD}\n\nSources:\n[1] `)).toBe(true);
    expect((completion as unknown as { verification: unknown }).verification).toMatchObject({ dropped: 1 });
  });

  it('POST /v1/chat/completions streamed: no unverified text reaches the client, the verified content comes once', async () => {
    for (const [text, expected] of [
      [`${GOOD} ${INVENTED}`, GOOD],
      // The text before the first marker belongs to the invented claim: it must not go out early.
      [`${INVENTED} ${GOOD}`, GOOD],
    ]) {
      reply = text;
      const stream = await client.chat.completions.create({ model: 'transcript-qa', stream: true, messages: [{ role: 'user', content: QUESTION }] });
      const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      const deltas = chunks.map((c) => c.choices[0]?.delta?.content ?? '').filter(Boolean);
      expect(deltas).toHaveLength(1);
      expect(deltas[0].startsWith(`${expected}\n\nSources:\n`)).toBe(true);
      expect(deltas[0]).not.toContain('999.9');
      expect(chunks.at(-1)!.choices[0].finish_reason).toBe('stop');
    }

    reply = INVENTED;
    const stream = await client.chat.completions.create({ model: 'transcript-qa', stream: true, messages: [{ role: 'user', content: QUESTION }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).not.toContain('999.9');
    expect(text).toContain('\n\nSources:\n[1] ');
  });
});
