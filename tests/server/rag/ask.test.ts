import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../../ingest/embedders/local.ts';
import { openIndex } from '../../../ingest/index-store/read.ts';
import { createOpenAIChatModel } from '../../../server/llm/openai-chat-model.ts';
import { answerExtractive } from '../../../server/rag/answers/answer-extractive.ts';
import { createAsk, type AskDeps, type AskEvent, type AskRequest, type AskResult } from '../../../server/rag/ask.ts';
import { loadPromptTemplates, type PromptTemplates } from '../../../server/rag/llm-answers/prompt-templates.ts';
import { createRetriever, type Retriever } from '../../../server/rag/retrieval/retrieve.ts';
import { startFakeOpenAI, type FakeFault, type FakeOpenAI } from '../../support/fake-openai-server.ts';
import { buildSeedIndex } from '../../support/seed-index.ts';

const QUESTION = 'What were the operating loss and operating margin in Q1 fiscal 2024?';
const OFF_TOPIC = 'What is the weather forecast for Paris next week?';
const LLM_TIMEOUT_MS = 300;
let fake: FakeOpenAI;
let templates: PromptTemplates;
let retrieve: Retriever;
let answerReply = 'Tim Wan, the CFO, said the operating loss was $22.3 million [1].';
const warnings: { obj: any; msg?: string }[] = [];

beforeAll(async () => {
  retrieve = createRetriever(await openIndex(await buildSeedIndex()), new LocalEmbedder());
  templates = await loadPromptTemplates();
  fake = await startFakeOpenAI({
    // One fake plays both prompts: the rewrite prompt gets a standalone question back.
    onChat: (body) =>
      body.messages[0].content.includes('standalone search question') ? 'What did Tim M. Wan, the CFO, say about the operating margin in Q1 fiscal 2024?' : answerReply,
    streamChunkChars: 6,
  });
}, 60_000);
afterAll(() => fake?.close());

const withLlm = (extra: Partial<AskDeps> = {}) =>
  createAsk({
    retrieve,
    model: createOpenAIChatModel({ baseURL: fake.url, model: 'fake-chat' }),
    templates,
    llmTimeoutMs: LLM_TIMEOUT_MS,
    logger: { warn: (obj, msg) => void warnings.push({ obj, msg }) },
    ...extra,
  });

async function collect(events: AsyncIterable<AskEvent>): Promise<{ events: AskEvent[]; text: string; done?: AskResult }> {
  const all: AskEvent[] = [];
  for await (const event of events) all.push(event);
  const text = all.flatMap((e) => (e.type === 'token' ? [e.text] : [])).join('');
  const done = all.find((e) => e.type === 'done');
  return { events: all, text, done: done?.type === 'done' ? done.result : undefined };
}

const timed = async <T>(run: () => Promise<T>) => {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
};

describe('ask', () => {
  it('answers with the LLM: verified citations, the query, what was understood and the time taken', async () => {
    const result = await withLlm().ask({ question: QUESTION });
    expect(result).toMatchObject({ mode: 'llm', answered: true, query: QUESTION, answer: answerReply });
    expect(result.degraded).toBeUndefined();
    expect(result.citations).toHaveLength(1);
    expect(result.understood.searchText).toBeTruthy();
    expect(result.tookMs).toBeGreaterThanOrEqual(0);
    expect(fake.requestsTo('chat').at(-1)!.body.messages[1].content).toContain(`Question: ${QUESTION}`);
  });

  it('abstains without calling the LLM when the transcripts do not cover the question', async () => {
    const before = fake.requestsTo('chat').length;
    const result = await withLlm().ask({ question: OFF_TOPIC });
    expect(result).toMatchObject({ answered: false, mode: 'extractive', citations: [] });
    expect(result.degraded).toBeUndefined();
    expect(fake.requestsTo('chat').length).toBe(before);
    const stream = await collect(withLlm().askStream({ question: OFF_TOPIC }));
    expect(stream.done?.answered).toBe(false);
    expect(fake.requestsTo('chat').length).toBe(before);
  });

  it('answers extractively without a model, not marked degraded', async () => {
    const result = await createAsk({ retrieve, llmTimeoutMs: LLM_TIMEOUT_MS }).ask({ question: QUESTION, k: 5 });
    const expected = answerExtractive(QUESTION, await retrieve(QUESTION, { k: 5 }));
    expect(result).toMatchObject({ ...expected, query: QUESTION });
    expect(result.degraded).toBeUndefined();
  });

  it('answers who holds a title with the holder, their title as the transcript gives it and where they speak', async () => {
    const result = await createAsk({ retrieve, llmTimeoutMs: LLM_TIMEOUT_MS }).ask({ question: 'Who is the CFO of Asana?' });
    expect(result.understood.identity).toEqual({ title: 'CFO', speakers: ['Tim M. Wan'], holders: 1 });
    expect(result).toMatchObject({ answered: true, mode: 'extractive' });
    expect(result.answer).toMatch(/^CFO: Tim M\. Wan \([^)]+\) \[1\]\.$/);
    expect(result.citations).toHaveLength(1);
    const [citation] = result.citations;
    expect(citation.speaker).toBe('Tim M. Wan');
    expect(result.answer).toContain(`(${citation.title}, `);
    // The quote is verbatim at the cited lines of the cited call.
    const call = (await openIndex(await buildSeedIndex())).callById(citation.callId)!;
    const lines = call.lines.filter((l) => l.n >= citation.startLine && l.n <= citation.endLine).map((l) => l.text).join('\n');
    expect(lines).toContain(citation.quote);
  });

  const faults: [string, FakeFault, string][] = [
    ['a timeout', { delayMs: 2_000 }, 'llm_timeout'],
    ['a 429', { status: 429, retryAfter: 30 }, 'llm_rate_limited'],
    ['a 500', { status: 500 }, 'llm_error'],
    ['a broken stream', { brokenStream: true }, 'llm_error'],
    ['garbage', { garbage: true }, 'llm_bad_response'],
  ];

  it.each(faults)('degrades to the extractive answer on %s, within the timeout', async (_, fault, reason) => {
    const extractive = answerExtractive(QUESTION, await retrieve(QUESTION));
    fake.failNext('chat', fault);
    const { value: result, ms } = await timed(() => withLlm().ask({ question: QUESTION }));
    expect(result).toMatchObject({ ...extractive, degraded: true, degradedReason: reason });
    expect(result.answered).toBe(true);
    expect(ms).toBeLessThan(LLM_TIMEOUT_MS + 500);
    expect(warnings.at(-1)?.obj.model).toBe('openai:fake-chat');

    fake.failNext('chat', fault);
    const { value: stream, ms: streamMs } = await timed(() => collect(withLlm().askStream({ question: QUESTION })));
    expect(stream.done).toMatchObject({ ...extractive, degraded: true, degradedReason: reason });
    // Tokens carry the extractive answer only when no model text went out before the failure.
    if (!('brokenStream' in fault)) expect(stream.text.endsWith(extractive.answer)).toBe(true);
    else expect(stream.text).not.toContain(extractive.answer);
    expect(streamMs).toBeLessThan(LLM_TIMEOUT_MS + 500);
  });

  it('degrades when the reply cites no valid source', async () => {
    answerReply = 'Operating margin was negative 22.3% [17].';
    try {
      const result = await withLlm().ask({ question: QUESTION });
      expect(result).toMatchObject({ mode: 'extractive', degraded: true, degradedReason: 'llm_no_valid_citations' });
      expect(result.citations.length).toBeGreaterThan(0);
    } finally {
      answerReply = 'Tim Wan, the CFO, said the operating loss was $22.3 million [1].';
    }
  });

  it('rewrites a follow-up before retrieval (LLM, then deterministic when the LLM fails)', async () => {
    const messages: AskRequest['messages'] = [
      { role: 'user', content: 'What did the CEO say about the operating margin in Q1 fiscal 2024?' },
      { role: 'assistant', content: 'He said it improved [1].' },
    ];
    const viaLlm = await withLlm().ask({ question: 'and what did the CFO add?', messages });
    expect(viaLlm.query).toBe('What did Tim M. Wan, the CFO, say about the operating margin in Q1 fiscal 2024?');
    expect(viaLlm.understood.labels.join(' ')).toMatch(/CFO|Wan/);

    fake.failNext('chat', { status: 503 });
    const fallback = await withLlm().ask({ question: 'and what did the CFO add?', messages });
    expect(fallback.query).toBe('What did the CFO say about the operating margin in Q1 fiscal 2024?');
    expect(warnings.at(-1)?.obj.reason).toBe('llm_error');

    const offline = await createAsk({ retrieve, llmTimeoutMs: LLM_TIMEOUT_MS }).ask({ question: 'what about Q4?', messages });
    expect(offline.query).toBe('What did the CEO say about the operating margin in Q4?');
  });

  it('stops without an answer when the client goes away', async () => {
    fake.failNext('chat', { delayMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(withLlm({ llmTimeoutMs: 5_000 }).ask({ question: QUESTION }, { signal: controller.signal })).rejects.toThrow(/abort/i);

    fake.failNext('chat', { delayMs: 2_000 });
    const again = new AbortController();
    setTimeout(() => again.abort(), 50);
    const { value, ms } = await timed(() => collect(withLlm({ llmTimeoutMs: 5_000 }).askStream({ question: QUESTION }, { signal: again.signal })));
    expect(value.done).toBeUndefined();
    expect(ms).toBeLessThan(1_000);
  });
});

describe('askStream', () => {
  it('streams tokens in order, then citations, then the verified result', async () => {
    answerReply = 'Tim Wan, the CFO, said the operating loss was $22.3 million [1][9].';
    try {
      const { events, text, done } = await collect(withLlm().askStream({ question: QUESTION }));
      const types = events.map((e) => e.type);
      expect(types.filter((t) => t === 'token').length).toBeGreaterThan(5);
      expect(types.slice(-2)).toEqual(['citations', 'done']);
      expect(types.indexOf('citations')).toBe(types.lastIndexOf('token') + 1);
      expect(text).toBe(answerReply);
      expect(done).toMatchObject({ mode: 'llm', answered: true, answer: 'Tim Wan, the CFO, said the operating loss was $22.3 million [1].', query: QUESTION });
      const citations = events.find((e) => e.type === 'citations');
      expect(citations?.type === 'citations' && citations.citations).toEqual(done!.citations);
    } finally {
      answerReply = 'Tim Wan, the CFO, said the operating loss was $22.3 million [1].';
    }
  });

  it('when the stream breaks midway, done alone carries the extractive answer (not the tokens too) and says degraded', async () => {
    fake.failNext('chat', { brokenStream: true });
    const { text, done } = await collect(withLlm().askStream({ question: QUESTION }));
    expect(text).toBe(answerReply.slice(0, 6));
    expect(done).toMatchObject({ mode: 'extractive', degraded: true, degradedReason: 'llm_error' });
  });

  it('reports a retrieval failure as an error event', async () => {
    const failing: Retriever = async () => {
      throw new Error('index closed');
    };
    const { events } = await collect(createAsk({ retrieve: failing, llmTimeoutMs: LLM_TIMEOUT_MS }).askStream({ question: QUESTION }));
    expect(events).toEqual([{ type: 'error', error: { code: 'retrieval_failed', message: 'index closed' } }]);
  });
});
