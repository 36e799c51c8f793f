import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai-server.ts';
import { blockTexts, envelope, postEvent, startHarness, waitFor, type SlackHarness } from './slack-test-kit.ts';

const QUESTION = 'What was free cash flow in the fourth quarter?';
const mention = (channel: string, ts: string) => envelope({ type: 'app_mention', user: 'U1', text: `<@UBOT> ${QUESTION}`, ts, channel });

describe('Slack bot under faults', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  const postsIn = (channel: string) => h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

  it('ratelimited: waits out Retry-After, retries, and posts exactly once', async () => {
    h.slack.failNext('chat.postMessage', { error: 'ratelimited', retryAfter: 1 });
    await postEvent(h, mention('CR', '1700000200.000100'));
    await waitFor(() => postsIn('CR').some((c) => c.status === 200), 'the retried post');
    await h.app.slack!.idle();
    const attempts = postsIn('CR');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(1_000);
    expect(h.slack.messages.filter((m) => m.channel === 'CR')).toHaveLength(1);
  });

  it('not_in_channel on a mention: logged, nothing else attempted', async () => {
    h.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    await postEvent(h, mention('CN', '1700000201.000100'));
    await waitFor(() => postsIn('CN').length > 0, 'the attempt');
    await h.app.slack!.idle();
    expect(postsIn('CN')).toHaveLength(1);
    expect(h.logs.some((l) => l.level === 40 && l.slack?.code === 'not_in_channel' && /invite the bot/.test(l.msg))).toBe(true);
  });

  it('an error while answering becomes a short notice in the thread and a detailed log', async () => {
    h.slack.failNext('chat.postMessage', { error: 'invalid_blocks' });
    await postEvent(h, mention('CE', '1700000202.000100'));
    await waitFor(() => postsIn('CE').length === 2, 'the error notice');
    const notice = postsIn('CE')[1].args;
    expect(notice.thread_ts).toBe('1700000202.000100');
    expect(notice.text).toMatch(/^Sorry, something went wrong/);
    expect(h.logs.some((l) => l.level === 50 && l.slack?.code === 'invalid_blocks' && l.err)).toBe(true);
  });
});

describe('Slack bot with a slow LLM', () => {
  let h: SlackHarness;
  let llm: FakeOpenAI;
  beforeAll(async () => {
    llm = await startFakeOpenAI();
    h = await startHarness({ OPENAI_BASE_URL: llm.url, OPENAI_API_KEY: 'sk-test', LLM_TIMEOUT_MS: '1500' });
  });
  afterAll(async () => {
    await h.close();
    await llm.close();
  });

  it('acknowledges within 3 s and posts the (degraded) answer later', async () => {
    llm.failNext('chat', { delayMs: 5_000 });
    const res = await postEvent(h, mention('CS', '1700000300.000100'));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
    const acked = Date.now();
    const post = await waitFor(() => h.slack.okCallsTo('chat.postMessage').find((c) => c.args.channel === 'CS'), 'the answer', 10_000);
    expect(post.at - acked).toBeGreaterThan(1_000);
    expect(llm.requestsTo('chat').length).toBeGreaterThan(0);
    expect(post.args.text).toMatch(/26\.5/);
    expect(blockTexts(post.args.blocks).join('\n')).toMatch(/language model was unavailable/);
  });

  it('shutdown waits for answers in flight', async () => {
    llm.failNext('chat', { delayMs: 5_000 });
    await postEvent(h, mention('CD', '1700000301.000100'));
    await h.app.close();
    expect(h.slack.okCallsTo('chat.postMessage').filter((c) => c.args.channel === 'CD')).toHaveLength(1);
  });
});
