import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../../../ingest/embedders/local.ts';
import { openIndex } from '../../../../ingest/index-store/read.ts';
import type { ChatModel } from '../../../../server/llm/chat-model.ts';
import { LlmError } from '../../../../server/llm/llm-error.ts';
import { createOpenAIChatModel } from '../../../../server/llm/openai-chat-model.ts';
import { answerWithLlm, streamAnswerWithLlm, type LlmAnswerEvent } from '../../../../server/rag/llm-answers/answer-llm.ts';
import type { Answer, Citation } from '../../../../server/rag/answers/answer-types.ts';
import { loadPromptTemplates, type PromptTemplates } from '../../../../server/rag/llm-answers/prompt-templates.ts';
import { createRetriever, type Retrieval, type Retriever } from '../../../../server/rag/retrieval/retrieve.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../../support/fake-openai-server.ts';
import { buildSeedIndex, SEEDS_DIR } from '../../../support/seed-index.ts';

const QUESTION = 'What were the operating loss and operating margin in Q1 fiscal 2024?';
let fake: FakeOpenAI;
let model: ChatModel;
let templates: PromptTemplates;
let retrieve: Retriever;
let retrieval: Retrieval;
let reply = '';

beforeAll(async () => {
  const index = await openIndex(await buildSeedIndex());
  retrieve = createRetriever(index, new LocalEmbedder());
  retrieval = await retrieve(QUESTION);
  templates = await loadPromptTemplates();
  fake = await startFakeOpenAI({ onChat: () => reply, streamChunkChars: 7 });
  model = createOpenAIChatModel({ baseURL: fake.url, model: 'fake-chat' });
}, 60_000);
afterAll(() => fake?.close());

const opts = () => ({ signal: AbortSignal.timeout(5_000), today: '2024-06-01' });
const lastChat = () => fake.requestsTo('chat').at(-1)!.body;

/** The quote must be verbatim text of the cited lines of the original transcript file. */
function expectVerbatim(c: Citation): void {
  const lines = readFileSync(path.join(SEEDS_DIR, c.file), 'utf8').split(/\r?\n/);
  expect(c.startLine).toBeGreaterThan(0);
  expect(c.endLine).toBeGreaterThanOrEqual(c.startLine);
  expect(c.quote.length).toBeGreaterThan(10);
  expect(lines.slice(c.startLine - 1, c.endLine).join('\n')).toContain(c.quote);
}

describe('answerWithLlm', () => {
  it('sends the numbered sources, the question and the date, and keeps valid citations with verbatim quotes', async () => {
    expect(retrieval.covered).toBe(true);
    reply = 'Tim Wan, the CFO, said the operating loss was $22.3 million [1]. He also pointed to churn [2][9].';
    const answer = await answerWithLlm(QUESTION, retrieval, model, templates, opts());

    const [system, user] = lastChat().messages;
    expect(system.role).toBe('system');
    expect(system.content).toContain('NOT_COVERED');
    expect(system.content).toContain('2024-06-01');
    expect(user.content).toContain(`Question: ${QUESTION}`);
    const top = retrieval.results[0].chunk;
    expect(user.content).toContain(`[1] ${top.speaker}, ${top.title} (${top.role}) — ${retrieval.results[0].callTitle} — ${top.file}:L${top.startLine}–L${top.endLine}\n`);
    expect(user.content).toContain(top.text.slice(0, 80));
    expect(user.content).toContain('\n\n[8] ');
    expect(user.content).not.toContain('[9] ');

    expect(answer.mode).toBe('llm');
    expect(answer.answered).toBe(true);
    expect(answer.degraded).toBeUndefined();
    expect(answer.answer).toBe('Tim Wan, the CFO, said the operating loss was $22.3 million [1]. He also pointed to churn [2].');
    expect(answer.citations.map((c) => c.n)).toEqual([1, 2]);
    expect(answer.citations[0].speaker).toBe(top.speaker);
    answer.citations.forEach(expectVerbatim);
    // Uncited sources are offered, numbered after the citations.
    expect(answer.seeAlso.length).toBeGreaterThan(0);
    expect(answer.seeAlso[0].n).toBe(3);
    answer.seeAlso.forEach(expectVerbatim);
  });

  it('renumbers citations densely in order of first use and strips malformed markers', async () => {
    reply = 'Margins improved [3]. Cash was strong [Source 2] [0]. Churn was stable [3, 5].';
    const answer = await answerWithLlm(QUESTION, retrieval, model, templates, opts());
    // "Cash was strong" cited only malformed markers: a claim left without a valid marker is dropped.
    expect(answer.answer).toBe('Margins improved [1]. Churn was stable [1, 2].');
    expect(answer.verification).toMatchObject({ claims: 3, dropped: 1, problems: [{ reason: 'no_valid_citation' }] });
    const [first, second] = answer.citations;
    expect(first.startLine).toBeGreaterThanOrEqual(retrieval.results[2].chunk.startLine);
    expect(first.endLine).toBeLessThanOrEqual(retrieval.results[2].chunk.endLine);
    expect(second.callId).toBe(retrieval.results[4].chunk.callId);
  });

  it('never returns a reply without a valid citation as an answer', async () => {
    for (const text of ['Operating margin was negative 22.3%.', 'Operating margin was negative 22.3% [12] [abc].']) {
      reply = text;
      const error = await answerWithLlm(QUESTION, retrieval, model, templates, opts()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LlmError);
      expect((error as LlmError).kind).toBe('no_valid_citations');
    }
  });

  it('turns NOT_COVERED into answered:false with the closest passages under seeAlso', async () => {
    reply = 'NOT_COVERED.';
    const answer = await answerWithLlm(QUESTION, retrieval, model, templates, opts());
    expect(answer).toMatchObject({ answered: false, mode: 'llm', citations: [] });
    expect(answer.answer).toMatch(/don't cover this/);
    expect(answer.seeAlso.map((c) => c.n)).toEqual([1, 2, 3]);
  });
});

describe('streamAnswerWithLlm', () => {
  async function run(): Promise<{ tokens: string[]; answer: Answer }> {
    const tokens: string[] = [];
    let answer: Answer | undefined;
    const events: LlmAnswerEvent[] = [];
    for await (const event of streamAnswerWithLlm(QUESTION, retrieval, model, templates, opts())) {
      events.push(event);
      if (event.type === 'token') tokens.push(event.text);
      else answer = event.answer;
    }
    expect(events.at(-1)?.type).toBe('answer');
    return { tokens, answer: answer! };
  }

  it('streams tokens in order, then the verified answer with the cleaned text', async () => {
    reply = 'The CFO said the operating loss was $22.3 million [1], with churn stable [7] [42].';
    const { tokens, answer } = await run();
    expect(lastChat().stream).toBe(true);
    expect(tokens.length).toBeGreaterThan(5);
    expect(tokens.join('')).toBe(reply);
    expect(answer.answer).toBe('The CFO said the operating loss was $22.3 million [1], with churn stable [2].');
    expect(answer.citations).toHaveLength(2);
    answer.citations.forEach(expectVerbatim);
  });

  it('holds a NOT_COVERED reply back instead of streaming the marker', async () => {
    reply = 'NOT_COVERED';
    const { tokens, answer } = await run();
    expect(tokens).toEqual([]);
    expect(answer.answered).toBe(false);
  });

  it('does stream a reply that merely starts like the marker', async () => {
    reply = 'NOTably, the CFO said the operating loss was $22.3 million [1].';
    const { tokens, answer } = await run();
    expect(tokens.join('')).toBe(reply);
    expect(answer.answered).toBe(true);
  });
});
