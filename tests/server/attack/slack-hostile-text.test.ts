// Regression (issue 11, defect 6): a Markdown link inside quoted transcript text was posted as a
// live, disguised Slack link (<https://evil.example|the zebra deck>), and a replayed signed slash
// command was answered twice. The real app on loopback, the fake Slack Web API, signed requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockTexts, postForm, startHarness, waitFor, type SlackHarness } from '../slack/slack-test-kit.ts';
import { hostileIndex } from './hostile-index.ts';

const QUESTION = 'What drove the zebra line margin change at Northwind Fabrication?';

describe('Slack text from transcripts forms no links, mentions or commands', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startHarness({}, await hostileIndex());
  });
  afterAll(() => h.close());

  const command = (text: string, responseId: string) => ({
    command: '/ask', text, user_id: 'U1', user_name: 'ann', channel_id: 'C9', team_id: 'T1', response_url: h.slack.responseUrl(responseId), trigger_id: 't',
  });

  it('a quoted Markdown link stays visible text, <!channel> and <@U…> stay escaped, sections are verbatim', async () => {
    const res = await postForm(h, '/slack/commands', command(QUESTION, 'r1'));
    expect(res.status).toBe(200);
    const eph = await waitFor(() => h.slack.okCallsTo('chat.postEphemeral').find((c) => c.args.channel === 'C9'), 'the answer');
    const sections = (eph.args.blocks as any[]).filter((b) => b.type === 'section');
    const answer = sections.map((b) => b.text.text).join('\n');
    expect(answer).toContain('zebra deck');
    expect(answer).not.toMatch(/<https?:/);
    expect(answer).not.toMatch(/<[!@#]/);
    expect(answer).toContain('&lt;!channel&gt;');
    expect(answer).toContain('&amp;');
    for (const s of sections) expect(s.text.verbatim).toBe(true);
    // Only the server's own source links are links.
    for (const text of blockTexts(eph.args.blocks)) for (const link of text.matchAll(/<(https?:[^|>]+)/g)) expect(link[1].startsWith('https://qa.example.com/calls/')).toBe(true);
    expect(eph.args.text).not.toMatch(/<https?:|<[!@#]/);
  });

  it('a replayed signed slash command is answered once', async () => {
    const fields = command('What was revenue for the quarter at Northwind Fabrication?', 'r2');
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await postForm(h, '/slack/commands', fields, { timestamp });
    const replay = await postForm(h, '/slack/commands', fields, { timestamp });
    expect([first.status, replay.status]).toEqual([200, 200]);
    await h.app.slack!.idle();
    const answers = h.slack.okCallsTo('chat.postEphemeral').filter((c) => String(c.args.text).includes('41 million'));
    expect(answers).toHaveLength(1);
    // A new delivery of the same question (a new timestamp, so a new signature) is a new command.
    await postForm(h, '/slack/commands', fields, { timestamp: timestamp + 1 });
    await h.app.slack!.idle();
    expect(h.slack.okCallsTo('chat.postEphemeral').filter((c) => String(c.args.text).includes('41 million'))).toHaveLength(2);
  });
});
