import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import type { ServerConfig } from './config.ts';
import { answerClientError, answerFrameworkError } from './router-errors.ts';

// How much one connection may cost the server: timeouts that close stalled sockets, a cap on open
// connections, and a route parameter limit that matches the longest id a route accepts.

/** The longest path parameter the router passes on: the calls schema's id limit (ids are ≤ 100). */
export const MAX_PARAM_LENGTH = 200;

/** Idle keep-alive connections close after this (or REQUEST_TIMEOUT_MS when shorter). */
export const KEEP_ALIVE_MS = 5_000;

/**
 * Node checks request timeouts only every `connectionsCheckingInterval` (30 s by default), which
 * is why a 3 s REQUEST_TIMEOUT_MS let stalled headers live for 9–30 s: check four times per timeout.
 */
const checkEvery = (timeoutMs: number) => Math.max(50, Math.min(1_000, Math.floor(timeoutMs / 4)));

export function httpServerOptions(config: ServerConfig): FastifyHttpOptions<Server> {
  const timeout = config.REQUEST_TIMEOUT_MS;
  return {
    // Receiving a whole request (headers and body) must finish within the timeout; a response
    // being computed is bounded by the handlers' own budgets (LLM_TIMEOUT_MS), not by this.
    requestTimeout: timeout,
    keepAliveTimeout: Math.min(KEEP_ALIVE_MS, timeout),
    // Node's own 400 for a Host-less HTTP/1.1 request has an empty body: rejectMissingHost answers it instead.
    http: { headersTimeout: timeout, requestTimeout: timeout, connectionsCheckingInterval: checkEvery(timeout), requireHostHeader: false },
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  };
}
