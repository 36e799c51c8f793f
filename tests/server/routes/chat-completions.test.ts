import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../server/app.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai-server.ts';
import { makeApp } from '../support/test-app.ts';
import { seedLines } from './seed-lines.ts';

const QUESTION = 'What were the operating loss and operating margin in Q1 fiscal 2024?';
const SOURCE_LINE = /^\[(\d+)\] .+ — (\S+\.txt):L(\d+)(?:–L(\d+))?$/;

/** The "Sources:" lines of a completion, checked against the citations they list. */
function sourcesOf(content: string): RegExpExecArray[] {
  const [, list = ''] = content.split('\n\nSources:\n');
  return list.split('\n').filter(Boolean).map((line) => SOURCE_LINE.exec(line)!);
}

async function streamText(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) {
  const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { chunks, text: chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('') };
}

describe('/v1/chat/completions with the openai client (extractive, API keys on)', () => {
  let app: App;
  let client: OpenAI;
  beforeAll(async () => {
    app = await makeApp({ API_KEYS: 'k-one,k-two' });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'k-two', maxRetries: 0 });
  });
  afterAll(() => app.close());

  it('answers a completion with the cited answer, a Sources list and a citations field', async () => {
    const completion = await client.chat.completions.create({
      model: 'transcript-qa',
      temperature: 0.2,
      max_tokens: 300,
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: [{ type: 'text', text: QUESTION }] },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toMatch(/^chatcmpl-/);
    const [choice] = completion.choices;
    expect(choice).toMatchObject({ index: 0, finish_reason: 'stop', message: { role: 'assistant' } });
    const content = choice.message.content!;
    expect(content).toContain('22.3');
    const citations = (completion as unknown as { citations: { n: number; file: string; startLine: number; endLine: number; quote: string }[] }).citations;
    expect(citations.length).toBeGreaterThan(0);
    const sources = sourcesOf(content);
    expect(sources.map((m) => Number(m[1]))).toEqual(citations.map((c) => c.n));
    for (const [i, c] of citations.entries()) {
      expect(sources[i][2]).toBe(c.file);
      expect(Number(sources[i][3])).toBe(c.startLine);
      expect(seedLines(c.file, c.startLine, c.endLine)).toContain(c.quote);
    }
    expect(completion.usage!.total_tokens).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens);
    expect(completion.usage!.completion_tokens).toBeGreaterThan(0);
  });

  it('streams chunks: the role first, content deltas, a stop chunk carrying citations', async () => {
    const stream = await client.chat.completions.create({ model: 'transcript-qa', stream: true, messages: [{ role: 'user', content: QUESTION }] });
    const { chunks, text } = await streamText(stream);
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0].id)).toBe(true);
    const last = chunks.at(-1)!;
    expect(last.choices[0].finish_reason).toBe('stop');
    expect((last as unknown as { citations: unknown[] }).citations.length).toBeGreaterThan(0);
    const whole = await client.chat.completions.create({ model: 'transcript-qa', messages: [{ role: 'user', content: QUESTION }] });
    expect(text).toBe(whole.choices[0].message.content);
  });

  it('treats earlier turns as the conversation: a follow-up is answered in context', async () => {
    const completion = await client.chat.completions.create({
      model: 'transcript-qa',
      messages: [
        { role: 'user', content: 'What was free cash flow in Q1?' },
        { role: 'assistant', content: 'Free cash flow was ...' },
        { role: 'user', content: 'and in Q4?' },
      ],
    });
    expect(completion.choices[0].message.content).toMatch(/free cash flow/i);
  });

  it('lists the model, and rejects a missing or wrong key', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['transcript-qa']);
    const wrong = new OpenAI({ baseURL: client.baseURL, apiKey: 'nope', maxRetries: 0 });
    await expect(wrong.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: QUESTION }] })).rejects.toMatchObject({ status: 401 });
  });

  it('answers 400 when there is no user message', async () => {
    await expect(client.chat.completions.create({ model: 'x', messages: [{ role: 'system', content: 'hi' }] })).rejects.toMatchObject({ status: 400 });
  });
});

describe('/v1/chat/completions streaming an LLM answer', () => {
  let app: App;
  let client: OpenAI;
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ onChat: () => 'Operating loss was $22.3 million [1], margin 15% [9].', streamChunkChars: 4 });
    app = await makeApp({ OPENAI_BASE_URL: fake.url, LLM_TIMEOUT_MS: '3000' });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0 });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it('streams only the verified, renumbered answer, once (the model tokens are not forwarded)', async () => {
    const stream = await client.chat.completions.create({ model: 'transcript-qa', stream: true, messages: [{ role: 'user', content: QUESTION }] });
    const { chunks, text } = await streamText(stream);
    // One content delta: until the reply is complete any claim may still be dropped.
    expect(chunks.filter((c) => c.choices[0]?.delta?.content).length).toBe(1);
    expect(text).not.toContain('[9]');
    expect(text).toMatch(/^Operating loss was \$22\.3 million \[1\]\.\n\nSources:/);
    expect((chunks.at(-1) as unknown as { verification: unknown }).verification).toMatchObject({ dropped: 1, problems: [{ reason: 'no_valid_citation' }] });
    expect(sourcesOf(text)).toHaveLength(1);
  });
});
