// A real HTTP server on loopback that speaks enough of the OpenAI API for our adapters:
// embeddings, chat completions (JSON and SSE), and scriptable faults queued per route.
import { readBody } from './read-body.ts';
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeRoute = 'embeddings' | 'chat';

export interface FakeFault {
  status?: number;
  /** Seconds, sent as the `Retry-After` header. */
  retryAfter?: number;
  /** Replaces the default OpenAI-style error body. */
  body?: unknown;
  /** Wait this long before answering (the answer is then normal unless other fields say otherwise). */
  delayMs?: number;
  /** Send part of the response, then destroy the socket. */
  brokenStream?: boolean;
  /** Answer 200 with invalid JSON (or invalid SSE lines when streaming). */
  garbage?: boolean;
  /** Slow drip: when streaming, wait this long before each content chunk (a slow but steady model). */
  dripMs?: number;
  /** When streaming, go quiet for `stallMs` after this many content chunks (a model that hangs midway; default 1). */
  stallAfter?: number;
  /** Reply with invented claims instead of the handler's reply (chat only): see INVENTED_REPLY. */
  invent?: boolean;
  /** Streaming: after `stallAfter` content chunks (default 1), fall silent this long before going on. */
  stallMs?: number;
}

/**
 * What a misbehaving model says in "invent" mode: a quotation no passage holds with a figure and a
 * name nobody said, cited to a real source, and a claim whose only marker points nowhere.
 */
export const INVENTED_REPLY = 'The CFO said "revenue grew 900% … after we acquired the Moon" [1]. Zorblax Industries doubled its backlog [9].';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

export interface ChatReply {
  content: string;
  finishReason?: string;
}

export type ChatHandler = (body: any) => string | ChatReply | Promise<string | ChatReply>;

export interface FakeOpenAIOptions {
  /** Vector length when the request names no `dimensions` (default 8). */
  dimensions?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` or get a 401. */
  apiKey?: string;
  onChat?: ChatHandler;
  /** Characters per streamed content chunk (default 4). */
  streamChunkChars?: number;
}

export interface FakeOpenAI {
  /** Base URL ending in `/v1`, as an OpenAI client expects. */
  url: string;
  requests: RecordedRequest[];
  requestsTo(route: FakeRoute): RecordedRequest[];
  failNext(route: FakeRoute, fault: FakeFault): void;
  close(): Promise<void>;
}

/** The raw (not normalised) vector the fake returns for a text; exported so tests can predict it. */
export function fakeEmbedding(text: string, dimensions = 8): number[] {
  const out: number[] = [];
  for (let block = 0; out.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}\u0000${text}`).digest();
    for (const byte of digest) if (out.length < dimensions) out.push((byte - 127.5) / 32);
  }
  return out;
}

const ROUTES: Record<string, FakeRoute> = { '/embeddings': 'embeddings', '/chat/completions': 'chat' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const faults: Record<FakeRoute, FakeFault[]> = { embeddings: [], chat: [] };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0];
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    requests.push({ method: req.method ?? '', path, headers: req.headers, body });
    const route = ROUTES[path.replace(/^\/v1(?=\/)/, '')];
    if (!route || req.method !== 'POST') return sendError(res, 404, { message: `No route ${req.method} ${path}` });
    if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      return sendError(res, 401, { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' });
    }
    const fault = faults[route].shift();
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (res.destroyed) return;
    if (fault?.status) {
      if (fault.retryAfter !== undefined) res.setHeader('retry-after', String(fault.retryAfter));
      const body = fault.body ?? { error: { message: `Injected fault ${fault.status}`, type: 'fake_fault', code: null } };
      return sendJson(res, fault.status, body);
    }
    const streaming = route === 'chat' && body?.stream === true;
    if (fault?.garbage) return streaming ? sendGarbageStream(res) : sendRaw(res, 200, '{"object": "list", "data": [');
    if (fault?.brokenStream && !streaming) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"object":"list","da');
      return void setTimeout(() => res.destroy(), 10);
    }
    if (route === 'embeddings') return sendJson(res, 200, embeddingsResponse(body, opts.dimensions ?? 8));
    const reply = fault?.invent ? { content: INVENTED_REPLY } : normaliseReply(await (opts.onChat ?? defaultChat)(body));
    if (!streaming) return sendJson(res, 200, chatResponse(body, reply));
    return streamChat(res, body, reply, opts.streamChunkChars ?? 4, fault ?? {});
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendError(res, 500, { message: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    requestsTo: (route) => requests.filter((r) => ROUTES[r.path.replace(/^\/v1(?=\/)/, '')] === route),
    failNext: (route, fault) => void faults[route].push(fault),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function sendRaw(res: ServerResponse, status: number, text: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const sendJson = (res: ServerResponse, status: number, body: unknown) => sendRaw(res, status, JSON.stringify(body));

function sendError(res: ServerResponse, status: number, error: { message: string; type?: string; code?: string }): void {
  sendJson(res, status, { error: { type: 'invalid_request_error', code: null, param: null, ...error } });
}

function embeddingsResponse(body: any, defaultDims: number) {
  const inputs: unknown[] = Array.isArray(body?.input) && typeof body.input[0] !== 'number' ? body.input : [body?.input];
  const dims = typeof body?.dimensions === 'number' ? body.dimensions : defaultDims;
  const data = inputs.map((input, index) => {
    const vector = fakeEmbedding(typeof input === 'string' ? input : JSON.stringify(input), dims);
    const embedding =
      body?.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  const tokens = inputs.reduce<number>((n, input) => n + String(input).split(/\s+/).length, 0);
  return { object: 'list', data, model: body?.model ?? 'fake', usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

function defaultChat(body: any): string {
  const last = [...(body?.messages ?? [])].reverse().find((m: any) => m.role === 'user');
  return `echo: ${typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '')}`;
}

const normaliseReply = (reply: string | ChatReply): ChatReply => (typeof reply === 'string' ? { content: reply } : reply);

function chatResponse(body: any, reply: ChatReply) {
  const message = { role: 'assistant', content: reply.content, refusal: null };
  const choice = { index: 0, message, finish_reason: reply.finishReason ?? 'stop', logprobs: null };
  const completion = reply.content.split(/\s+/).length;
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body?.model ?? 'fake',
    choices: [choice],
    usage: { prompt_tokens: 10, completion_tokens: completion, total_tokens: 10 + completion },
  };
}

async function streamChat(res: ServerResponse, body: any, reply: ChatReply, chunkChars: number, fault: FakeFault): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: body?.model ?? 'fake' };
  const send = (delta: object, finish: string | null = null) =>
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`);
  send({ role: 'assistant', content: '' });
  if (fault.brokenStream) {
    send({ content: reply.content.slice(0, chunkChars) });
    res.write('data: {"id":"chatcmpl-fake","choi');
    return void setTimeout(() => res.destroy(), 10);
  }
  for (let i = 0, n = 0; i < reply.content.length; i += chunkChars, n++) {
    if (fault.stallMs && (fault.stallAfter ?? 1) === n) await sleep(fault.stallMs);
    if (fault.dripMs) await sleep(fault.dripMs);
    // The client gave up (a timeout on its side): stop writing.
    if (res.destroyed) return;
    send({ content: reply.content.slice(i, i + chunkChars) });
  }
  if (res.destroyed) return;
  send({}, reply.finishReason ?? 'stop');
  if (body?.stream_options?.include_usage) {
    res.write(`data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 } })}\n\n`);
  }
  res.end('data: [DONE]\n\n');
}

function sendGarbageStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.end('data: {not json at all\n\nthis is not an sse line\n\ndata: [DONE]\n\n');
}
