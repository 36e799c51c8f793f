import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack-server.ts';

// The fake must speak the Web API as the real SDK does, or the bot tests prove nothing.
describe('fake Slack Web API', () => {
  let slack: FakeSlack;
  let web: WebClient;
  beforeAll(async () => {
    slack = await startFakeSlack({ token: 'xoxb-1' });
    web = new WebClient('xoxb-1', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('posts, updates and threads messages, decoding form-encoded blocks', async () => {
    const root = await web.chat.postMessage({ channel: 'C1', text: 'root', blocks: [{ type: 'divider' }] });
    const reply = await web.chat.postMessage({ channel: 'C1', text: 'reply', thread_ts: root.ts });
    await web.chat.update({ channel: 'C1', ts: reply.ts!, text: 'edited' });
    const thread = await web.conversations.replies({ channel: 'C1', ts: root.ts! });
    expect(thread.messages?.map((m) => m.text)).toEqual(['root', 'edited']);
    expect(slack.callsTo('chat.postMessage')[0].args.blocks).toEqual([{ type: 'divider' }]);
    expect(slack.callsTo('chat.postMessage')[0].headers.authorization).toBe('Bearer xoxb-1');
  });

  it('fails a call with the scripted platform error, once', async () => {
    slack.failNext('reactions.add', { error: 'not_in_channel' });
    await expect(web.reactions.add({ channel: 'C1', timestamp: '1.2', name: 'eyes' })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    await expect(web.reactions.add({ channel: 'C1', timestamp: '1.2', name: 'eyes' })).resolves.toMatchObject({ ok: true });
  });

  it('rejects another token, and answers ratelimited with 429 and Retry-After', async () => {
    const other = new WebClient('xoxb-2', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    await expect(other.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    const strict = new WebClient('xoxb-1', { slackApiUrl: slack.apiUrl, rejectRateLimitedCalls: true });
    slack.failNext('auth.test', { error: 'ratelimited', retryAfter: 7 });
    await expect(strict.auth.test()).rejects.toMatchObject({ retryAfter: 7 });
  });
});
