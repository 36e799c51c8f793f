import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, kindForStatus, toProblem, type FieldError } from '../errors.ts';
import { openAiErrorMember, wantsOpenAiErrors } from '../openai-error.ts';

// The one place errors become responses. Client mistakes (bad JSON, wrong content type, a body
// over the limit, schema violations) keep their 4xx; anything unexpected is a 500 whose detail
// stays in the log and the client gets the request id to quote.

interface ValidationEntry {
  instancePath?: string;
  message?: string;
}

function fieldErrors(error: FastifyError): FieldError[] {
  const where = error.validationContext ?? 'request';
  return (error.validation as ValidationEntry[]).map((v) => {
    const field = (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    return { path: field ? `${where}.${field}` : where, message: v.message ?? 'is invalid' };
  });
}

/** Maps anything thrown in the request lifecycle onto an AppError. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fe = error as Partial<FastifyError> | undefined;
  if (Array.isArray(fe?.validation) && fe.validation.length > 0) {
    const errors = fieldErrors(fe as FastifyError);
    return new AppError('bad_request:request', errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
      cause: error,
      errors,
    });
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    return new AppError(`${kindForStatus(status)}:request`, fe?.message ?? 'Bad request', { cause: error });
  }
  return new AppError('internal:server', fe?.message ?? String(error), { cause: error });
}

// The path as the client sent it, cut short: an unknown URL may be kilobytes of anything.
const shortPath = (request: FastifyRequest) => request.url.split('?')[0].slice(0, 200);

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError, opts: { withInstance?: boolean } = {}): FastifyReply {
  const detail = error.exposeMessage
    ? error.message
    : `The server could not complete the request; quote request id ${request.id} when reporting it.`;
  if (error.kind === 'unauthorized') reply.header('www-authenticate', 'Bearer');
  const problem = toProblem(error, detail, opts.withInstance === false ? undefined : shortPath(request));
  if (wantsOpenAiErrors(request)) problem.error = openAiErrorMember(error, detail, error.options.errors);
  return reply.code(error.status).type('application/problem+json').send(problem);
}

export const errorHandlerPlugin = fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const appError = toAppError(error);
      if (appError.status >= 500) request.log.error({ err: error, code: appError.code }, appError.message);
      else request.log.info({ code: appError.code }, appError.message);
      return sendProblem(request, reply, appError);
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(request, reply, new AppError('not_found:route', `No route for ${request.method} ${shortPath(request)}`)),
    );
  },
  { name: 'error-handler' },
);
