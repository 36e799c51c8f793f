import type { FastifyRequest } from 'fastify';
import type { AppError, FieldError } from './errors.ts';

// OpenAI's SDKs read an error's text from `error.message` of the body and show "400 status code
// (no body)" without it. On the OpenAI-compatible routes a problem therefore also carries that
// member; the problem+json members stay for every other client.

export interface OpenAiErrorMember {
  message: string;
  type: string;
  code: string;
  param: string | null;
}

const TYPE_BY_STATUS: Record<number, string> = {
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
};

export function openAiErrorMember(error: AppError, detail: string, fields?: FieldError[]): OpenAiErrorMember {
  const type = TYPE_BY_STATUS[error.status] ?? (error.status >= 500 ? 'api_error' : 'invalid_request_error');
  return { message: detail, type, code: error.code, param: fields?.[0]?.path ?? null };
}

/** Set on a route's `config` to answer its problems in the shape OpenAI clients read. */
export const OPENAI_ERRORS = { openAiErrors: true } as const;

export const wantsOpenAiErrors = (request: FastifyRequest): boolean =>
  (request.routeOptions?.config as { openAiErrors?: boolean } | undefined)?.openAiErrors === true;
