import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIChatModel } from '../../../../server/llm/openai-chat-model.ts';
import { loadPromptTemplates, type PromptTemplates } from '../../../../server/rag/llm-answers/prompt-templates.ts';
import {
  formatHistory,
  isFollowUp,
  rewriteFollowUp,
  rewriteFollowUpDeterministic,
  type ConversationMessage,
} from '../../../../server/rag/conversation/rewrite-followup.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../../support/fake-openai-server.ts';

const history: ConversationMessage[] = [
  { role: 'user', content: 'What did the CEO say about AI adoption in Q1 FY2024?' },
  { role: 'assistant', content: 'Dustin A. Moskovitz (CEO, Asana Q1 FY2024 call) said: "We are investing in AI." [1]' },
];
const SPEAKERS = ['Tim M. Wan', 'Dustin A. Moskovitz', 'Catherine Buan'];

describe('deterministic follow-up rewriting', () => {
  it.each([
    ['and what did the CFO add?', 'What did the CFO say about AI adoption in Q1 FY2024?'],
    ['And the CFO?', 'What did the CFO say about AI adoption in Q1 FY2024?'],
    ['what about Q4?', 'What did the CEO say about AI adoption in Q4?'],
    ['how about Tim Wan?', 'What did Tim Wan say about AI adoption in Q1 FY2024?'],
    ['why?', 'What did the CEO say about AI adoption in Q1 FY2024? why?'],
    ['Why did it slow down?', 'Why did it slow down — AI adoption the CEO Q1 FY2024?'],
    ['what about pricing?', 'pricing — the CEO Q1 FY2024?'],
  ])('%s → %s', (followUp, expected) => {
    expect(rewriteFollowUpDeterministic(followUp, history, SPEAKERS)).toBe(expected);
  });

  it('passes standalone questions through unchanged', () => {
    for (const q of ['What are the main risks to gross margin?', 'What did management say about hiring this year?', 'How many paying customers does Asana have?']) {
      expect(isFollowUp(q)).toBe(false);
      expect(rewriteFollowUpDeterministic(q, history)).toBe(q);
    }
  });

  it('adds a slot the earlier question lacked, and chains follow-ups of follow-ups', () => {
    const turns: ConversationMessage[] = [
      { role: 'user', content: 'How did revenue grow?' },
      { role: 'assistant', content: 'Revenue grew 26% [1].' },
      { role: 'user', content: 'what about Q4?' },
    ];
    expect(rewriteFollowUpDeterministic('and the CFO?', turns)).toBe('How did revenue grow in Q4 according to the CFO?');
  });

  it('without a conversation, nothing is a follow-up', () => {
    expect(rewriteFollowUpDeterministic('and the CFO?', [])).toBe('and the CFO?');
  });

  it('formats history with shortened assistant turns', () => {
    const long: ConversationMessage[] = [{ role: 'user', content: 'q?' }, { role: 'assistant', content: 'x'.repeat(1000) }];
    const text = formatHistory(long);
    expect(text.startsWith('User: q?\nAssistant: xxx')).toBe(true);
    expect(text.length).toBeLessThan(350);
  });
});

describe('rewriteFollowUp with an LLM', () => {
  let fake: FakeOpenAI;
  let templates: PromptTemplates;
  let llmReply = '';
  beforeAll(async () => {
    templates = await loadPromptTemplates();
    fake = await startFakeOpenAI({ onChat: () => llmReply });
  });
  afterAll(() => fake.close());
  const options = (signalMs = 2_000) => ({
    model: createOpenAIChatModel({ baseURL: fake.url, model: 'fake-chat' }),
    templates,
    speakers: SPEAKERS,
    signal: AbortSignal.timeout(signalMs),
    today: '2024-06-01',
  });

  it('uses the rewrite prompt with the history and the follow-up', async () => {
    llmReply = 'Standalone question: "What did the CFO, Tim Wan, say about AI adoption in Q1 FY2024?"\n';
    const rewrite = await rewriteFollowUp('and what did the CFO add?', history, options());
    expect(rewrite).toEqual({ query: 'What did the CFO, Tim Wan, say about AI adoption in Q1 FY2024?', method: 'llm' });
    const [system, user] = fake.requestsTo('chat').at(-1)!.body.messages;
    expect(system.content).toContain('standalone search question');
    expect(user.content).toContain('User: What did the CEO say about AI adoption in Q1 FY2024?');
    expect(user.content).toContain('Assistant: Dustin A. Moskovitz');
    expect(user.content).toContain('Follow-up: and what did the CFO add?');
  });

  it('falls back to the deterministic rewrite on a 500, a timeout or an unusable reply', async () => {
    const expected = 'What did the CFO say about AI adoption in Q1 FY2024?';
    fake.failNext('chat', { status: 500 });
    expect(await rewriteFollowUp('and what did the CFO add?', history, options())).toEqual({ query: expected, method: 'deterministic', fallbackReason: 'llm_error' });

    fake.failNext('chat', { delayMs: 1_000 });
    const started = performance.now();
    expect(await rewriteFollowUp('and what did the CFO add?', history, options(150))).toEqual({ query: expected, method: 'deterministic', fallbackReason: 'llm_timeout' });
    expect(performance.now() - started).toBeLessThan(700);

    llmReply = '""';
    expect((await rewriteFollowUp('and what did the CFO add?', history, options())).fallbackReason).toBe('llm_bad_response');
  });

  it('makes no LLM call for a standalone question or a first question', async () => {
    const before = fake.requestsTo('chat').length;
    expect(await rewriteFollowUp('What are the main risks to gross margin?', history, options())).toEqual({ query: 'What are the main risks to gross margin?', method: 'unchanged' });
    expect(await rewriteFollowUp('and the CFO?', [], options())).toEqual({ query: 'and the CFO?', method: 'unchanged' });
    expect(fake.requestsTo('chat').length).toBe(before);
  });
});
