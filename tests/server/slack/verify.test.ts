import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_MAX_AGE_SECONDS, slackSignature, verifySlackSignature } from '../../../server/slack/http/verify.ts';
import { envelope, postEvent, postForm, postSigned, startHarness, type SlackHarness } from './slack-test-kit.ts';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const now = 1_531_420_618_000;
const timestamp = String(now / 1000);
const rawBody = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fweather&text=94070';

describe('verifySlackSignature', () => {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;

  it('accepts the HMAC-SHA256 of v0:timestamp:body under the signing secret', () => {
    expect(slackSignature(secret, timestamp, rawBody)).toBe(signature);
    expect(verifySlackSignature({ secret, timestamp, signature, rawBody, now })).toEqual({ ok: true });
  });

  it('rejects a changed body, another secret, a truncated or garbled signature', () => {
    const bad = (input: Partial<Parameters<typeof verifySlackSignature>[0]>) => verifySlackSignature({ secret, timestamp, signature, rawBody, now, ...input });
    expect(bad({ rawBody: `${rawBody}&x=1` })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(bad({ secret: 'other' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(bad({ signature: signature.slice(0, -1) })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(bad({ signature: signature.replace('v0=', 'v1=') })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(bad({ signature: `${signature}00` })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects timestamps more than five minutes old or ahead, and non-numeric ones', () => {
    const at = (offsetS: number) => verifySlackSignature({ secret, timestamp, signature, rawBody, now: now + offsetS * 1000 });
    expect(at(SIGNATURE_MAX_AGE_SECONDS)).toEqual({ ok: true });
    expect(at(-SIGNATURE_MAX_AGE_SECONDS)).toEqual({ ok: true });
    expect(at(SIGNATURE_MAX_AGE_SECONDS + 1)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(at(-SIGNATURE_MAX_AGE_SECONDS - 1)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifySlackSignature({ secret, timestamp: '1e9', signature, rawBody, now })).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('rejects missing headers', () => {
    expect(verifySlackSignature({ secret, timestamp: undefined, signature, rawBody, now })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifySlackSignature({ secret, timestamp, signature: '', rawBody, now })).toEqual({ ok: false, reason: 'missing_headers' });
  });
});

describe('Slack endpoints verify every request', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const mention = () => envelope({ type: 'app_mention', user: 'U1', text: '<@UBOT> What was free cash flow?', ts: '1700000100.000100', channel: 'CV' });

  it.each([
    ['a bad signature', { signature: 'v0=deadbeef' }],
    ['another secret', { secret: 'not-the-secret' }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
    ['a future timestamp', { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 }],
    ['no signature header', { omit: ['signature' as const] }],
    ['no timestamp header', { omit: ['timestamp' as const] }],
  ])('answers 401 problem+json to %s, and does nothing', async (_name, opts) => {
    const res = await postEvent(h, mention(), opts);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ status: 401, code: 'unauthorized:slack' });
    const cmd = await postForm(h, '/slack/commands', { command: '/ask', text: 'q', user_id: 'U1', channel_id: 'C1', response_url: h.slack.responseUrl() }, opts);
    expect(cmd.status).toBe(401);
    const act = await postForm(h, '/slack/interactivity', { payload: '{}' }, opts);
    expect(act.status).toBe(401);
    await h.app.slack!.idle();
    expect(h.slack.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
  });

  it('verifies the raw bytes: the same JSON re-spaced fails', async () => {
    const body = JSON.stringify(mention());
    const timestampS = String(Math.floor(Date.now() / 1000));
    const signature = slackSignature('test-signing-secret', timestampS, body);
    const res = await postSigned(`${h.url}/slack/events`, JSON.stringify(JSON.parse(body), null, 1), 'application/json', { timestamp: Number(timestampS), signature });
    expect(res.status).toBe(401);
    const ok = await postSigned(`${h.url}/slack/events`, body, 'application/json', { timestamp: Number(timestampS), signature });
    expect(ok.status).toBe(200);
    await h.app.slack!.idle();
  });
});
