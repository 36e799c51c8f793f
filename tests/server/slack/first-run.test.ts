import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETUP_TEXT } from '../../../server/slack/http/setup-routes.ts';
import { blockTexts, envelope, postEvent, postForm, startHarness, waitFor, type SlackHarness } from './slack-test-kit.ts';

const QUESTION = 'What was free cash flow in the fourth quarter?';
const KEY = 'k-slack-first-run';

// What a first Slack set-up and its first users meet: verification before the bot token exists,
// feedback buttons that land in the log, and source links that open with API keys set.
describe('Slack first run', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startHarness({ API_KEYS: KEY });
  });
  afterAll(async () => {
    await h.close();
  });

  const mention = async (channel: string, ts: string) => {
    await postEvent(h, envelope({ type: 'app_mention', user: 'U1', text: `<@UBOT> ${QUESTION}`, ts, channel, event_ts: ts }));
    return waitFor(() => h.slack.okCallsTo('chat.postMessage').find((c) => c.args.channel === channel), 'the answer');
  };

  it('puts Helpful / Not helpful under an answer; a click is logged with the question and the cited lines', async () => {
    const post = await mention('C-feedback', '1700000101.000100');
    const buttons = post.args.blocks.find((b: any) => b.block_id === 'answer_feedback').elements;
    expect(buttons.map((b: any) => b.text.text)).toEqual([':thumbsup: Helpful', ':thumbsdown: Not helpful']);
    const value = buttons[1].value as string;
    expect(value.length).toBeLessThanOrEqual(2000);

    const clicked = await postForm(h, '/slack/interactivity', {
      payload: JSON.stringify({
        type: 'block_actions',
        user: { id: 'U7' },
        channel: { id: 'C-feedback' },
        container: { type: 'message', channel_id: 'C-feedback', message_ts: post.args.thread_ts },
        response_url: h.slack.responseUrl('fb1'),
        actions: [{ type: 'button', action_id: buttons[1].action_id, value, action_ts: '1' }],
      }),
    });
    expect(clicked.status).toBe(200);
    const logged = await waitFor(() => h.logs.find((l) => l.msg === 'slack answer feedback'), 'the feedback log line');
    expect(logged).toMatchObject({ feedback: 'not_helpful', question: QUESTION, user: 'U7', channel: 'C-feedback' });
    expect(logged.cited.length).toBeGreaterThan(0);
    for (const cited of logged.cited) expect(cited).toMatch(/^\S+\.txt:L\d+-L\d+$/);
    const thanks = await waitFor(() => h.slack.responses.find((r) => r.id === 'fb1'), 'the thanks');
    expect(thanks.body).toMatchObject({ response_type: 'ephemeral', text: 'Thanks — your feedback was recorded.' });
  });

  it('links sources so they open without the API key: that call’s lines only', async () => {
    const post = await mention('C-links', '1700000102.000100');
    const source = blockTexts(post.args.blocks).find((t) => /^\*\[1\]\*/.test(t))!;
    const link = /<(https:\/\/qa\.example\.com\/calls\/([^?#|]+)\?s=([\w-]+)#L(\d+)-L(\d+))\|/.exec(source);
    expect(link).not.toBeNull();
    const [, , callId, signature, start] = link!;
    const lines = (query: string) => fetch(`${h.url}/v1/calls/${callId}/lines?${query}`);
    const opened = await lines(`from=${start}&s=${signature}`);
    expect(opened.status).toBe(200);
    const page = (await opened.json()) as { title: string; lines: { n: number }[] };
    expect(page.lines[0].n).toBeGreaterThanOrEqual(Number(start));
    expect(page.title).toMatch(/Earnings Call/);
    // No signature, a wrong one, or another call: the key is needed as before.
    expect((await lines(`from=${start}`)).status).toBe(401);
    expect((await lines(`from=${start}&s=${signature.slice(1)}x`)).status).toBe(401);
    const { calls } = (await (await fetch(`${h.url}/v1/calls`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as { calls: { id: string }[] };
    const other = calls.find((c) => c.id !== callId)!.id;
    expect((await fetch(`${h.url}/v1/calls/${other}/lines?s=${signature}`)).status).toBe(401);
    expect((await fetch(`${h.url}/v1/calls?s=${signature}`)).status).toBe(401);
  });
});

describe('Slack set-up before the app is installed (signing secret, no bot token yet)', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startHarness({ SLACK_BOT_TOKEN: '' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('lets Slack verify the events URL, refuses unsigned requests, and says what is missing', async () => {
    const verified = await postEvent(h, { type: 'url_verification', token: 'x', challenge: 'chal-setup' });
    expect(verified.status).toBe(200);
    expect(JSON.parse(verified.body)).toEqual({ challenge: 'chal-setup' });
    expect((await postEvent(h, { type: 'url_verification', challenge: 'x' }, { secret: 'wrong' })).status).toBe(401);
    const command = await postForm(h, '/slack/commands', { command: '/ask', text: QUESTION, user_id: 'U1', channel_id: 'C1', team_id: 'T1', response_url: h.slack.responseUrl(), trigger_id: 't' });
    expect(JSON.parse(command.body)).toEqual({ response_type: 'ephemeral', text: SETUP_TEXT });
    expect(h.logs.some((l) => /SLACK_BOT_TOKEN is not/.test(l.msg))).toBe(true);
    expect(h.slack.calls).toHaveLength(0);
  });
});
