import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, toProblem, type ErrorCode } from './errors.ts';
import { sendProblem } from './plugins/error-handler.ts';

// Errors raised before a request reaches a route: Node's HTTP parser (garbage, an unknown method,
// oversized headers, a timeout), Node's Expect handling and Fastify's router (bad percent-encoding,
// an over-long parameter). Each is answered as problem+json like any other error, and none quotes
// the URL back (it is attacker-chosen and may be 16 KB long).

function clientErrorCode(error: NodeJS.ErrnoException): ErrorCode {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'request_timeout:request';
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'header_too_large:request';
  return 'bad_request:request';
}

const DETAIL: Partial<Record<ErrorCode, string>> = {
  'request_timeout:request': 'The request was not received in time.',
  'header_too_large:request': 'The request line or headers are too large.',
  'bad_request:request': 'The request is not valid HTTP/1.1.',
  'expectation_failed:request': 'Only "Expect: 100-continue" is supported.',
};

/** The status and JSON body of a problem raised before Fastify has a reply to send it with. */
function earlyProblem(code: ErrorCode): { status: number; body: string } {
  const error = new AppError(code, DETAIL[code] ?? 'Bad request');
  return { status: error.status, body: JSON.stringify(toProblem(error, error.message)) };
}

/** The raw bytes of a problem response, for sockets that have no ServerResponse. */
function rawProblem(code: ErrorCode): string {
  const { status, body } = earlyProblem(code);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/** Fastify's `clientErrorHandler`: Node's parser failed before any request object existed. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // A response already under way (a keep-alive socket mid-reply) cannot take a second status line.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) socket.write(rawProblem(clientErrorCode(error)));
  socket.destroy();
}

/** Fastify's `frameworkErrors`: the router could not decode the URL or a parameter is too long. */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const appError = tooLong
    ? new AppError('uri_too_long:request', 'A path segment is longer than any id this server issues.')
    : new AppError('bad_request:request', 'The URL is not valid (bad percent-encoding).');
  request.log.info({ code: error.code }, appError.message);
  void sendProblem(request, reply, appError, { withInstance: false });
}

/** Node answers an unsupported `Expect` header with a bare 417 unless someone listens for it. */
export function answerExpectation(_request: IncomingMessage, response: ServerResponse): void {
  const { status, body } = earlyProblem('expectation_failed:request');
  response.writeHead(status, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body), connection: 'close' });
  response.end(body);
}

/** An onRequest hook: HTTP/1.1 requires a Host header (RFC 9112 §3.2). */
export function rejectMissingHost(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
  if (request.raw.httpVersion === '1.1' && !request.headers.host) return done(new AppError('bad_request:request', 'An HTTP/1.1 request needs a Host header.'));
  done();
}
