// A real HTTP server on loopback that speaks enough of Slack's Web API for the bot: POST
// /api/<method> with a form-encoded or JSON body and a bearer token; records every call; keeps
// posted messages (for conversations.replies); takes response_url POSTs at /response/<id>; and
// injects faults per method (ratelimited with Retry-After, platform errors, delays).
import { readBody } from './read-body.ts';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackFault {
  /** A platform error (`not_in_channel`, …) sent as `{ok: false, error}`; `ratelimited` answers HTTP 429. */
  error?: string;
  /** Seconds, sent as Retry-After with `ratelimited`. */
  retryAfter?: number;
  delayMs?: number;
}

export interface SlackCall {
  method: string;
  args: Record<string, any>;
  headers: IncomingHttpHeaders;
  at: number;
  /** The HTTP status the fake answered with. */
  status: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: any[];
  user?: string;
  bot_id?: string;
}

export interface FakeSlackOptions {
  /** Requests must carry `Authorization: Bearer <token>` (else `invalid_auth`). */
  token?: string;
  botUserId?: string;
  botId?: string;
}

export interface FakeSlack {
  /** Base URL for the WebClient's slackApiUrl, ending in `/api/`. */
  apiUrl: string;
  /** A response_url the fake accepts; POSTs to it are recorded under `responses`. */
  responseUrl(id?: string): string;
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** Successful calls only. */
  okCallsTo(method: string): SlackCall[];
  responses: Array<{ id: string; body: any; at: number }>;
  messages: StoredMessage[];
  failNext(method: string, fault: SlackFault): void;
  botUserId: string;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botUserId = opts.botUserId ?? 'UBOT';
  const botId = opts.botId ?? 'BBOT';
  const calls: SlackCall[] = [];
  const responses: FakeSlack['responses'] = [];
  const messages: StoredMessage[] = [];
  const faults = new Map<string, SlackFault[]>();
  let clock = 1_700_000_000_000_100;
  const nextTs = () => {
    clock += 100;
    return `${String(clock).slice(0, 10)}.${String(clock).slice(10)}`;
  };

  function methodResult(method: string, args: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: botUserId, bot_id: botId, team_id: 'T1', user: 'transcript-bot', url: 'https://fake.slack.com/' };
      case 'chat.postMessage': {
        if (!args.channel) return { ok: false, error: 'channel_not_found' };
        const message: StoredMessage = { channel: args.channel, ts: nextTs(), thread_ts: args.thread_ts, text: args.text, blocks: args.blocks, user: botUserId, bot_id: botId };
        messages.push(message);
        return { ok: true, channel: message.channel, ts: message.ts, message };
      }
      case 'chat.postEphemeral':
        return args.channel && args.user ? { ok: true, message_ts: nextTs() } : { ok: false, error: 'channel_not_found' };
      case 'chat.update': {
        const found = messages.find((m) => m.channel === args.channel && m.ts === args.ts);
        if (!found) return { ok: false, error: 'message_not_found' };
        Object.assign(found, { text: args.text, blocks: args.blocks });
        return { ok: true, channel: found.channel, ts: found.ts };
      }
      case 'reactions.add':
      case 'reactions.remove':
        return args.channel && args.timestamp && args.name ? { ok: true } : { ok: false, error: 'invalid_arguments' };
      case 'conversations.replies': {
        const thread = messages.filter((m) => m.channel === args.channel && (m.ts === args.ts || m.thread_ts === args.ts));
        return { ok: true, messages: thread, has_more: false };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0];
    const response = /^\/response\/([\w-]+)$/.exec(path);
    if (response) {
      responses.push({ id: response[1], body: parseBody(raw, req.headers['content-type']), at: Date.now() });
      return send(res, 200, 'ok', 'text/plain');
    }
    const api = /^\/api\/([\w.]+)$/.exec(path);
    if (!api || req.method !== 'POST') return send(res, 404, JSON.stringify({ ok: false, error: 'unknown_method' }));
    const method = api[1];
    const args = parseBody(raw, req.headers['content-type']);
    const call: SlackCall = { method, args, headers: req.headers, at: Date.now(), status: 200 };
    calls.push(call);
    const fault = faults.get(method)?.shift();
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) return send(res, 200, JSON.stringify({ ok: false, error: 'invalid_auth' }));
    if (fault?.error === 'ratelimited') {
      call.status = 429;
      res.setHeader('retry-after', String(fault.retryAfter ?? 1));
      return send(res, 429, JSON.stringify({ ok: false, error: 'ratelimited' }));
    }
    if (fault?.error) return send(res, 200, JSON.stringify({ ok: false, error: fault.error }));
    const result = methodResult(method, args);
    return send(res, 200, JSON.stringify(result));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, JSON.stringify({ ok: false, error: String(err) })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  let responseIds = 0;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id = `r${++responseIds}`) => `${base}/response/${id}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    okCallsTo: (method) => calls.filter((c) => c.method === method && c.status === 200),
    responses,
    messages,
    failNext: (method, fault) => void faults.set(method, [...(faults.get(method) ?? []), fault]),
    botUserId,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Form bodies carry nested values (blocks, attachments) as JSON strings, as the Web API does. */
function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, any>;
  const out: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return out;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
