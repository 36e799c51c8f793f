import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockTexts, envelope, postEvent, startHarness, waitFor, type SlackHarness } from './slack-test-kit.ts';

const QUESTION = 'What was free cash flow in the fourth quarter?';

describe('Slack Events API', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const postsIn = (channel: string) => h.slack.okCallsTo('chat.postMessage').filter((c) => c.args.channel === channel);

  it('answers the url_verification challenge', async () => {
    const res = await postEvent(h, { type: 'url_verification', token: 'x', challenge: 'chal-123' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: 'chal-123' });
  });

  it('answers an @mention once, in the thread of the question, with cited sources', async () => {
    const event = { type: 'app_mention', user: 'U1', text: `<@UBOT> ${QUESTION}`, ts: '1700000001.000100', channel: 'C1', event_ts: '1700000001.000100' };
    const res = await postEvent(h, envelope(event));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
    await waitFor(() => postsIn('C1').length > 0, 'the answer');
    await h.app.slack!.idle();
    const posts = postsIn('C1');
    expect(posts).toHaveLength(1);
    const { args } = posts[0];
    expect(args.thread_ts).toBe('1700000001.000100');
    expect(args.text).toMatch(/26\.5/);
    const texts = blockTexts(args.blocks);
    expect(texts[0]).toMatch(/\[1\]/);
    const source = texts.find((t) => /^\*\[1\]\*/.test(t));
    expect(source).toMatch(/<https:\/\/qa\.example\.com\/calls\/[^#|]+#L\d+-L\d+\|[^|>]+\.txt:L\d+(–L\d+)?>/);
    // Progress shown on the question, then taken away.
    expect(h.slack.okCallsTo('reactions.add').some((c) => c.args.timestamp === '1700000001.000100' && c.args.name === 'hourglass_flowing_sand')).toBe(true);
    expect(h.slack.okCallsTo('reactions.remove').some((c) => c.args.timestamp === '1700000001.000100')).toBe(true);
  });

  it('answers a mention inside a thread in that thread', async () => {
    const event = { type: 'app_mention', user: 'U1', text: `<@UBOT> ${QUESTION}`, ts: '1700000002.000200', thread_ts: '1700000002.000001', channel: 'C2' };
    await postEvent(h, envelope(event));
    const [post] = await waitFor(() => postsIn('C2').length > 0 && postsIn('C2'), 'the answer');
    expect(post.args.thread_ts).toBe('1700000002.000001');
  });

  it('answers a DM in the DM, and a follow-up there as a follow-up', async () => {
    const dm = { type: 'message', channel_type: 'im', user: 'U2', text: 'What was free cash flow in the fourth quarter?', ts: '1700000003.000100', channel: 'D1' };
    await postEvent(h, envelope(dm));
    await waitFor(() => postsIn('D1').length === 1, 'the DM answer');
    expect(postsIn('D1')[0].args.thread_ts).toBeUndefined();
    // "and in Q1?" alone names no topic: only the remembered question makes it answerable.
    const followUp = { ...dm, text: 'What about Q1?', ts: '1700000003.000200' };
    await postEvent(h, envelope(followUp));
    await waitFor(() => postsIn('D1').length === 2, 'the follow-up answer');
    const second = postsIn('D1')[1].args;
    // Answered from the Q1 call about free cash flow: the topic came from the remembered question.
    expect(blockTexts(second.blocks).join('\n')).toMatch(/free cash flow was negative \$16\.6 million/i);
    expect(blockTexts(second.blocks).some((t) => /^\*\[1\]\*/.test(t))).toBe(true);
  });

  it('posts nothing new for a retried delivery of the same event', async () => {
    const event = { type: 'app_mention', user: 'U1', text: `<@UBOT> ${QUESTION}`, ts: '1700000004.000100', channel: 'C4' };
    const env = envelope(event, 'EvRETRY1');
    await postEvent(h, env);
    await waitFor(() => postsIn('C4').length > 0, 'the first answer');
    const retry = await postEvent(h, env, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await h.app.slack!.idle();
    expect(postsIn('C4')).toHaveLength(1);
  });

  it('answers a message that arrives as both app_mention and message.im once', async () => {
    const base = { user: 'U1', text: `<@UBOT> ${QUESTION}`, ts: '1700000005.000100', channel: 'D5' };
    await postEvent(h, envelope({ ...base, type: 'app_mention' }));
    await postEvent(h, envelope({ ...base, type: 'message', channel_type: 'im' }));
    await waitFor(() => postsIn('D5').length > 0, 'the answer');
    await h.app.slack!.idle();
    expect(postsIn('D5')).toHaveLength(1);
  });

  it('ignores messages from bots, itself and edits, so it never loops', async () => {
    const before = h.slack.callsTo('chat.postMessage').length;
    const im = { type: 'message', channel_type: 'im', channel: 'D6', text: QUESTION };
    for (const event of [
      { ...im, ts: '1700000006.000100', bot_id: 'B999', user: 'U999' },
      { ...im, ts: '1700000006.000200', subtype: 'bot_message', bot_id: 'B999' },
      { ...im, ts: '1700000006.000300', user: 'UBOT' },
      { ...im, ts: '1700000006.000400', subtype: 'message_changed' },
      { type: 'app_mention', channel: 'C6', ts: '1700000006.000500', user: 'U5', bot_id: 'B5', text: `<@UBOT> ${QUESTION}` },
    ]) {
      const res = await postEvent(h, envelope(event));
      expect(res.status).toBe(200);
    }
    await h.app.slack!.idle();
    expect(h.slack.callsTo('chat.postMessage').length).toBe(before);
  });

  it('says briefly when the transcripts do not cover the question, with no uncited claim', async () => {
    const event = { type: 'app_mention', user: 'U1', text: "<@UBOT> What is the CEO's salary?", ts: '1700000007.000100', channel: 'C7' };
    await postEvent(h, envelope(event));
    const [post] = await waitFor(() => postsIn('C7').length > 0 && postsIn('C7'), 'the answer');
    const texts = blockTexts(post.args.blocks);
    expect(texts[0]).toMatch(/don't cover/);
    expect(texts.some((t) => /^\*\[\d+\]\*/.test(t))).toBe(false);
  });

  it('asks for a question when the mention has none', async () => {
    await postEvent(h, envelope({ type: 'app_mention', user: 'U1', text: '<@UBOT>', ts: '1700000008.000100', channel: 'C8' }));
    const [post] = await waitFor(() => postsIn('C8').length > 0 && postsIn('C8'), 'the hint');
    expect(post.args.text).toMatch(/Ask me a question/);
    expect(post.args.thread_ts).toBe('1700000008.000100');
  });
});
