import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fp from 'fastify-plugin';

// A caller's x-request-id is kept so logs join up across services, but only when it looks like
// an id: it ends up in log lines and response headers.
const SAFE_ID = /^[\w.:-]{1,128}$/;

export function genReqId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}

/** Echoes the request id so a client can quote it. */
export const requestIdPlugin = fp(
  async (app) => {
    // Hooks on every request take a callback, not async: an async hook costs a promise and a
    // microtask turn per request, for work that never waits.
    app.addHook('onRequest', (request, reply, done) => {
      reply.header('x-request-id', request.id);
      done();
    });
  },
  { name: 'request-id' },
);
