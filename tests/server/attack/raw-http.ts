// Raw HTTP over a socket, for requests no HTTP client will send (garbage, unknown methods, bad
// percent-encoding) and for clients that stall.
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  raw: string;
}

export function parseRaw(raw: string): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const [statusLine, ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = split < 0 ? '' : raw.slice(split + 4);
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body, raw };
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    if (eol < 0) return out;
    const size = Number.parseInt(rest.slice(0, eol), 16);
    if (!size) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}

export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** True once `raw` holds a whole response with a Content-Length (keep-alive sockets stay open after it). */
function complete(raw: string): boolean {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(raw.slice(0, split));
  return length !== null && raw.length - split - 4 >= Number(length[1]);
}

/** Writes `request` and reads one response: until it is complete or the server closes (or `timeoutMs`). */
export async function rawRequest(port: number, request: string | Buffer, timeoutMs = 5_000): Promise<RawResponse> {
  const socket = await openSocket(port);
  return new Promise((resolve) => {
    let raw = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseRaw(raw));
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (d) => {
      raw += d.toString('latin1');
      if (complete(raw)) done();
    });
    socket.on('close', done);
    socket.on('error', done);
    socket.write(request);
  });
}

/** Resolves with the milliseconds until the server closed the socket (and what it sent). */
export function closedAfter(socket: Socket, limitMs: number): Promise<{ ms: number; raw: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    let raw = '';
    const timer = setTimeout(() => resolve({ ms: Number.POSITIVE_INFINITY, raw }), limitMs);
    socket.on('data', (d) => (raw += d.toString('latin1')));
    const end = () => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - started, raw });
    };
    socket.once('close', end);
    socket.once('error', () => undefined);
  });
}
