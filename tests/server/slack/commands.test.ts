import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockTexts, postForm, startHarness, waitFor, type SlackHarness } from './slack-test-kit.ts';

const QUESTION = 'How much cash and marketable securities did Asana hold at the end of Q1?';

describe('/ask and the share button', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const ask = (channel: string, text: string, responseId: string) =>
    postForm(h, '/slack/commands', { command: '/ask', text, user_id: 'U1', user_name: 'ann', channel_id: channel, team_id: 'T1', response_url: h.slack.responseUrl(responseId), trigger_id: 't' });
  const ephemeralsIn = (channel: string) => h.slack.okCallsTo('chat.postEphemeral').filter((c) => c.args.channel === channel);
  const shareButton = (blocks: any[]) => blocks.find((b) => b.type === 'actions')?.elements.find((e: any) => e.action_id === 'share_answer');
  const share = (channel: string, value: string, responseId: string) =>
    postForm(h, '/slack/interactivity', {
      payload: JSON.stringify({
        type: 'block_actions',
        user: { id: 'U1' },
        channel: { id: channel },
        container: { type: 'message', is_ephemeral: true, channel_id: channel },
        response_url: h.slack.responseUrl(responseId),
        actions: [{ type: 'button', action_id: 'share_answer', value, action_ts: '1' }],
      }),
    });

  it('acknowledges at once, answers ephemerally with sources, and shares publicly on click', async () => {
    const res = await ask('C1', QUESTION, 'cmd1');
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
    expect(JSON.parse(res.body)).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Searching the transcripts') });

    const [eph] = await waitFor(() => ephemeralsIn('C1').length > 0 && ephemeralsIn('C1'), 'the ephemeral answer');
    expect(eph.args.user).toBe('U1');
    expect(eph.args.text).toMatch(/523\.5/);
    expect(blockTexts(eph.args.blocks).some((t) => /^\*\[1\]\*.*\.txt:L\d+/.test(t))).toBe(true);
    const button = shareButton(eph.args.blocks);
    expect(button.value.length).toBeLessThanOrEqual(2_000);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);

    const clicked = await share('C1', button.value, 'act1');
    expect(clicked.status).toBe(200);
    const post = await waitFor(() => h.slack.okCallsTo('chat.postMessage').find((c) => c.args.channel === 'C1'), 'the public answer');
    expect(post.args.thread_ts).toBeUndefined();
    const texts = blockTexts(post.args.blocks);
    expect(texts[0]).toContain('<@U1> asked: How much cash');
    expect(post.args.text).toBe(eph.args.text);
    expect(shareButton(post.args.blocks)).toBeUndefined();
    await waitFor(() => h.slack.responses.find((r) => r.id === 'act1' && r.body.delete_original === true), 'the ephemeral copy deleted');

    // A double click does not post twice.
    await share('C1', button.value, 'act1b');
    await h.app.slack!.idle();
    expect(h.slack.okCallsTo('chat.postMessage').filter((c) => c.args.channel === 'C1')).toHaveLength(1);
  });

  it('re-asks when the shared answer is no longer cached', async () => {
    await share('C2', JSON.stringify({ id: 'gone', q: QUESTION }), 'act2');
    const post = await waitFor(() => h.slack.okCallsTo('chat.postMessage').find((c) => c.args.channel === 'C2'), 'the public answer');
    expect(post.args.text).toMatch(/523\.5/);
  });

  it('answers an empty /ask with usage and does nothing else', async () => {
    const before = h.slack.calls.length;
    const res = await ask('C3', '   ', 'cmd3');
    expect(JSON.parse(res.body).text).toMatch(/Usage/);
    await h.app.slack!.idle();
    expect(h.slack.calls.length).toBe(before);
  });

  it('not_in_channel: answers through response_url with a hint to invite the bot, and logs it', async () => {
    h.slack.failNext('chat.postEphemeral', { error: 'not_in_channel' });
    await ask('C4', QUESTION, 'cmd4');
    const response = await waitFor(() => h.slack.responses.find((r) => r.id === 'cmd4'), 'the response_url answer');
    expect(response.body.response_type).toBe('ephemeral');
    expect(response.body.text).toMatch(/523\.5/);
    expect(blockTexts(response.body.blocks).join('\n')).toMatch(/invite me/);
    expect(h.logs.some((l) => l.level === 40 && /not in the channel/.test(l.msg) && l.code === 'not_in_channel')).toBe(true);
  });

  it('not_in_channel on share: posts in the channel through response_url instead', async () => {
    await ask('C5', QUESTION, 'cmd5');
    const eph = await waitFor(() => ephemeralsIn('C5')[0], 'the ephemeral answer');
    h.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    await share('C5', shareButton(eph.args.blocks).value, 'act5');
    await waitFor(() => h.slack.responses.filter((r) => r.id === 'act5').length === 2, 'two response_url posts');
    const [publicPost, deletion] = h.slack.responses.filter((r) => r.id === 'act5');
    expect(publicPost.body).toMatchObject({ response_type: 'in_channel', text: expect.stringMatching(/523\.5/) });
    expect(deletion.body).toEqual({ delete_original: true });
  });
});
