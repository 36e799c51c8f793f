// The LLM path's claims against a real OpenAI-compatible HTTP server on loopback: figures, names
// and quotations a claim states must be in the passages it cites, or the claim is dropped; with
// none left, the extractive answer is served (llm_unverified_claims).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../../../ingest/embedders/local.ts';
import { openIndex } from '../../../../ingest/index-store/read.ts';
import { createOpenAIChatModel } from '../../../../server/llm/openai-chat-model.ts';
import { answerExtractive } from '../../../../server/rag/answers/answer-extractive.ts';
import { createAsk, type AskDeps, type AskEvent, type AskResult } from '../../../../server/rag/ask.ts';
import { loadPromptTemplates, type PromptTemplates } from '../../../../server/rag/llm-answers/prompt-templates.ts';
import { createRetriever, type Retriever } from '../../../../server/rag/retrieval/retrieve.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../../support/fake-openai-server.ts';
import { buildSeedIndex } from '../../../support/seed-index.ts';

// Source [1] for this question is the CFO's Q1 FY2024 remarks: "Operating loss was $22.3 million,
// and our operating loss margin was 15%, …", "Cash and marketable securities … approximately $523.5 million".
const QUESTION = 'What were the operating loss and operating margin in Q1 fiscal 2024?';
const GOOD = 'The CFO, Tim Wan, said the operating loss was $22.3 million [1].';
let fake: FakeOpenAI;
let templates: PromptTemplates;
let retrieve: Retriever;
let reply = GOOD;
const warnings: { obj: any; msg?: string }[] = [];

beforeAll(async () => {
  retrieve = createRetriever(await openIndex(await buildSeedIndex()), new LocalEmbedder());
  templates = await loadPromptTemplates();
  fake = await startFakeOpenAI({ onChat: () => reply, streamChunkChars: 6 });
}, 60_000);
afterAll(() => fake?.close());

const ask = (extra: Partial<AskDeps> = {}) =>
  createAsk({
    retrieve,
    model: createOpenAIChatModel({ baseURL: fake.url, model: 'fake-chat' }),
    templates,
    llmTimeoutMs: 3_000,
    logger: { warn: (obj, msg) => void warnings.push({ obj, msg }) },
    ...extra,
  });

async function streamed(question = QUESTION): Promise<{ events: AskEvent[]; tokens: string; done: AskResult }> {
  const events: AskEvent[] = [];
  for await (const e of ask().askStream({ question })) events.push(e);
  const done = events.filter((e) => e.type === 'done');
  expect(done).toHaveLength(1);
  expect(events.at(-1)?.type).toBe('done');
  const tokens = events.flatMap((e) => (e.type === 'token' ? [e.text] : [])).join('');
  return { events, tokens, done: (done[0] as { result: AskResult }).result };
}

describe('claims the cited passages do not support are dropped', () => {
  const mixed: [string, string, string, { reason: string; detail?: string }][] = [
    ['an invented figure', 'Net loss was $999.9 million [1].', '999.9', { reason: 'unsupported_figure', detail: '$999.9 million' }],
    ['an invented name', 'It was driven by Moonshot, the new product [1].', 'Moonshot', { reason: 'unsupported_name', detail: 'Moonshot' }],
    ['a wrong quote', 'He added that "we acquired three rivals this quarter" [1].', 'rivals', { reason: 'quote_not_found', detail: 'we acquired three rivals this quarter' }],
    ['a claim whose only marker is invalid', 'The operating loss margin was 15% [9].', '15%', { reason: 'no_valid_citation' }],
  ];

  it.each(mixed)('keeps the good claim and drops %s', async (_, bad, word, problem) => {
    reply = `${GOOD} ${bad}`;
    const result = await ask().ask({ question: QUESTION });
    expect(result).toMatchObject({ mode: 'llm', answered: true, answer: GOOD });
    expect(result.degraded).toBeUndefined();
    expect(result.answer).not.toContain(word);
    expect(result.citations).toHaveLength(1);
    expect(result.verification).toMatchObject({ claims: 2, dropped: 1, problems: [problem] });
    expect(warnings.at(-1)).toMatchObject({ obj: { dropped: 1 }, msg: expect.stringMatching(/without claims/) });
  });

  it('drops a bad clause of a sentence and keeps its good clause', async () => {
    reply = 'Operating loss was $22.3 million [1], while revenue grew 900% [1].';
    const result = await ask().ask({ question: QUESTION });
    expect(result.answer).toBe('Operating loss was $22.3 million [1].');
    expect(result.verification?.dropped).toBe(1);
  });

  it('compares figures normalised: "22.3M", "15 percent" and "$523,500,000" are what the passage says', async () => {
    reply = 'Operating loss was 22.3M, and the operating loss margin was 15 percent [1]. Cash and marketable securities were about $523,500,000 [1].';
    const result = await ask().ask({ question: QUESTION });
    expect(result).toMatchObject({ mode: 'llm', answer: reply, verification: { claims: 2, dropped: 0, problems: [] } });
  });

  it.each([
    ['an invented figure', 'Q1 revenue was $999.9 million [1].'],
    ['an invented quotation', 'The CFO said "revenue grew 900% … acquired the Moon" [1].'],
    ['several bad claims', 'Operating loss was $99 million [1]. Jensen Huang praised it [2]. The margin was 15% [9].'],
  ])('serves the extractive answer, degraded llm_unverified_claims, when every claim fails (%s)', async (_, bad) => {
    reply = bad;
    const extractive = answerExtractive(QUESTION, await retrieve(QUESTION));
    const result = await ask().ask({ question: QUESTION });
    expect(result).toMatchObject({ ...extractive, degraded: true, degradedReason: 'llm_unverified_claims' });
    expect(warnings.at(-1)?.obj.kind).toBe('unverified_claims');
  });

  it('keeps llm_no_valid_citations for a reply that cites nothing valid at all', async () => {
    reply = 'Operating loss was $22.3 million [17].';
    const result = await ask().ask({ question: QUESTION });
    expect(result).toMatchObject({ mode: 'extractive', degraded: true, degradedReason: 'llm_no_valid_citations' });
  });
});

describe('streamed: done holds only the verified text, once', () => {
  it('drops the invented claim from done, though the token preview showed it', async () => {
    reply = `${GOOD} Net loss was $999.9 million [1].`;
    const { events, tokens, done } = await streamed();
    expect(tokens).toBe(reply);
    expect(done).toMatchObject({ mode: 'llm', answer: GOOD, verification: { dropped: 1 } });
    const citations = events.find((e) => e.type === 'citations');
    expect(citations?.type === 'citations' && citations.citations).toEqual(done.citations);
  });

  it('ends with the extractive answer, degraded llm_unverified_claims, when every claim fails', async () => {
    reply = 'Q1 revenue was $999.9 million [1].';
    const extractive = answerExtractive(QUESTION, await retrieve(QUESTION));
    const { tokens, done } = await streamed();
    expect(done).toMatchObject({ ...extractive, degraded: true, degradedReason: 'llm_unverified_claims' });
    // The extractive answer comes once, in done: not appended to the model's tokens as well.
    expect(tokens).not.toContain(extractive.answer);
  });
});

describe('comparison questions', () => {
  const COMPARE = 'How did revenue change from Q4 FY2023 to Q1 FY2024 at Asana?';

  it('shows the model the passages grouped per period, each period among them', async () => {
    reply = 'NOT_COVERED';
    await ask({ maxSources: 2 }).ask({ question: COMPARE });
    const user: string = fake.requestsTo('chat').at(-1)!.body.messages[1].content;
    expect(user).toContain('The question compares periods: Q4 FY2023 and Q1 FY2024.');
    const q4 = user.indexOf('Period Q4 FY2023:');
    const q1 = user.indexOf('Period Q1 FY2024:');
    expect(q4).toBeGreaterThan(0);
    expect(q1).toBeGreaterThan(q4);
    // Two sources shown, one from each period's call, each under its own period.
    expect(user.slice(q4, q1)).toMatch(/\n\[\d\] .*001_a68e11fc9e09f61d\.txt/);
    expect(user.slice(q1)).toMatch(/\n\[\d\] .*000_4ea6a2434226ac97\.txt/);
    expect(user).not.toContain('[3] ');
    expect(user).toContain(`Question: ${COMPARE}`);
  });

  it('does not group the sources of a question about one period', async () => {
    reply = GOOD;
    await ask().ask({ question: QUESTION });
    const user: string = fake.requestsTo('chat').at(-1)!.body.messages[1].content;
    expect(user).not.toContain('Period ');
    expect(user).not.toContain('compares periods');
  });
});
