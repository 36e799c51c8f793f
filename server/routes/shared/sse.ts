import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';

// Server-sent events through reply.send(stream) rather than reply.hijack(): the response still
// passes Fastify's onSend hooks, so request-id, helmet, rate-limit and drain headers apply as
// on any other route.

/** Proxies drop connections that stay silent for ~60 s; a comment line well before that keeps them open. */
export const HEARTBEAT_MS = 15_000;

export interface SseStream {
  /** Writes one event (`event:` line only when named); false once the client is gone. */
  send(data: string, event?: string): boolean;
  end(): void;
  /** Fires when the client disconnects before the stream ended. */
  readonly signal: AbortSignal;
}

/** An AbortSignal that fires when the client hangs up before the response finished. */
export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  // request.raw's 'close' fires once the body is read, so the response is what tells a hang-up.
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

export function wantsEventStream(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.includes('text/event-stream');
}

/** Starts an event stream as the reply; call before the first event, then `return reply`. */
export function openSse(reply: FastifyReply, signal: AbortSignal, heartbeatMs = HEARTBEAT_MS): SseStream {
  const stream = new PassThrough();
  let open = true;
  let wroteSinceBeat = false;
  const write = (text: string) => {
    if (!open || signal.aborted || stream.destroyed) return false;
    wroteSinceBeat = true;
    stream.write(text);
    return true;
  };
  const beat = setInterval(() => {
    if (!wroteSinceBeat) write(': keep-alive\n\n');
    wroteSinceBeat = false;
  }, heartbeatMs);
  beat.unref();
  const close = () => {
    clearInterval(beat);
    if (!open) return;
    open = false;
    stream.end();
  };
  signal.addEventListener('abort', close, { once: true });

  reply
    .code(200)
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache, no-transform')
    // nginx buffers proxied responses unless told not to, which would hold every event back.
    .header('x-accel-buffering', 'no')
    .send(stream);

  return {
    send: (data, event) => write(`${event ? `event: ${event}\n` : ''}data: ${data}\n\n`),
    end: close,
    signal,
  };
}

/**
 * Runs a reply's work; when it fails because the client hung up, the reply is abandoned quietly
 * (an info line, no 500 in the error log for a request nobody waits for).
 */
export async function unlessClientGone<T>(reply: FastifyReply, signal: AbortSignal, work: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await work();
  } catch (error) {
    if (!signal.aborted) throw error;
    reply.log.info('client closed the connection; answer abandoned');
    return reply.hijack();
  }
}
