// Shared by the Slack integration tests: the real app on loopback wired to the fake Slack Web API,
// requests signed for real, and bounded polling instead of fixed sleeps.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { LocalEmbedder } from '../../../ingest/embedders/local.ts';
import type { OpenIndex } from '../../../ingest/index-store/types.ts';
import { buildApp, type App } from '../../../server/app.ts';
import { loadServerConfig } from '../../../server/config.ts';
import { slackSignature } from '../../../server/slack/http/verify.ts';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack-server.ts';
import { seedIndex } from '../support/test-app.ts';

export const SECRET = 'test-signing-secret';
export const TOKEN = 'xoxb-test-token';

export interface SlackHarness {
  app: App;
  url: string;
  slack: FakeSlack;
  logs: Array<Record<string, any>>;
  close(): Promise<void>;
}

/** The real app listening on 127.0.0.1, its Slack client pointed at a fresh fake Slack. */
export async function startHarness(env: Record<string, string> = {}, index?: OpenIndex): Promise<SlackHarness> {
  const slack = await startFakeSlack({ token: TOKEN });
  const logs: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, any>);
      done();
    },
  });
  const config = loadServerConfig({
    LOG_LEVEL: 'info',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: slack.apiUrl,
    PUBLIC_BASE_URL: 'https://qa.example.com',
    RATE_LIMIT_PER_MIN: '0',
    ...env,
  });
  const app = await buildApp(config, { index: index ?? (await seedIndex()), embedder: new LocalEmbedder(), logger: pino({ level: 'info' }, sink) });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    url,
    slack,
    logs,
    async close() {
      await app.close();
      await slack.close();
    },
  };
}

export interface SignOptions {
  secret?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  signature?: string;
  omit?: Array<'timestamp' | 'signature'>;
  headers?: Record<string, string>;
}

export async function postSigned(url: string, body: string, contentType: string, opts: SignOptions = {}): Promise<{ status: number; body: string; ms: number }> {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': contentType, ...opts.headers };
  if (!opts.omit?.includes('timestamp')) headers['x-slack-request-timestamp'] = timestamp;
  if (!opts.omit?.includes('signature')) headers['x-slack-signature'] = opts.signature ?? slackSignature(opts.secret ?? SECRET, timestamp, body);
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, body: text, ms: performance.now() - started };
}

export const postEvent = (h: SlackHarness, envelope: object, opts?: SignOptions) => postSigned(`${h.url}/slack/events`, JSON.stringify(envelope), 'application/json', opts);

export const postForm = (h: SlackHarness, path: string, fields: Record<string, string>, opts?: SignOptions) =>
  postSigned(`${h.url}${path}`, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts);

let events = 0;

/** An event_callback envelope as Slack sends it. */
export function envelope(event: Record<string, unknown>, eventId = `Ev${++events}${Date.now()}`) {
  return { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: eventId, event_time: Math.floor(Date.now() / 1000), authorizations: [{ user_id: 'UBOT', is_bot: true }], event };
}

/** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** All mrkdwn text in a message's blocks, for assertions. */
export const blockTexts = (blocks: any[] = []): string[] =>
  blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : b.type === 'context' ? b.elements.map((e: any) => e.text) : []));
