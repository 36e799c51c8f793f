import { z } from 'zod';

// One error type for the whole server. Its code reads `kind:surface`: the kind decides the HTTP
// status and whether the message may reach the client; the surface says where it happened.

const STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  expectation_failed: 417,
  header_too_large: 431,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  upstream: 502,
  unavailable: 503,
  timeout: 504,
} as const;

const TITLE: Record<ErrorKind, string> = {
  bad_request: 'Bad Request',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not Found',
  method_not_allowed: 'Method Not Allowed',
  request_timeout: 'Request Timeout',
  conflict: 'Conflict',
  payload_too_large: 'Payload Too Large',
  uri_too_long: 'URI Too Long',
  unsupported_media_type: 'Unsupported Media Type',
  expectation_failed: 'Expectation Failed',
  header_too_large: 'Request Header Fields Too Large',
  unprocessable: 'Unprocessable Content',
  rate_limited: 'Too Many Requests',
  internal: 'Internal Server Error',
  upstream: 'Bad Gateway',
  unavailable: 'Service Unavailable',
  timeout: 'Gateway Timeout',
};

export type ErrorKind = keyof typeof STATUS;
export type Surface =
  | 'api'
  | 'request'
  | 'route'
  | 'server'
  | 'index'
  | 'call'
  | 'search'
  | 'answer'
  | 'embedder'
  | 'llm'
  | 'slack';
export type ErrorCode = `${ErrorKind}:${Surface}`;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly surface: Surface;
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { cause?: unknown; errors?: FieldError[]; expose?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    [this.kind, this.surface] = code.split(':') as [ErrorKind, Surface];
    this.status = STATUS[this.kind];
  }

  /** 5xx messages describe our internals (paths, upstream replies) and stay in the log, unless the
   * thrower vouches for the message with `expose: true`. */
  get exposeMessage(): boolean {
    return this.options.expose ?? this.status < 500;
  }
}

export const statusOf = (kind: ErrorKind): number => STATUS[kind];
export const titleOf = (kind: ErrorKind): string => TITLE[kind];

/** The closest kind for an HTTP status raised by Fastify or a plugin. */
export function kindForStatus(status: number): ErrorKind {
  const found = (Object.keys(STATUS) as ErrorKind[]).find((k) => STATUS[k] === status);
  if (found) return found;
  return status >= 500 ? 'internal' : 'bad_request';
}

/** RFC 9457 problem details, as every error response carries them. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('`kind:surface`, e.g. `not_found:call`'),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    error: z
      .object({ message: z.string(), type: z.string(), code: z.string(), param: z.string().nullable() })
      .optional()
      .describe('OpenAI-compatible routes only: the same problem in the shape OpenAI clients read'),
  })
  .describe('application/problem+json');

export type Problem = z.infer<typeof problemSchema>;

export function toProblem(error: AppError, detail: string, instance?: string): Problem {
  return {
    type: `urn:transcript-qa:problem:${error.code}`,
    title: TITLE[error.kind],
    status: error.status,
    detail,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...(error.options.errors?.length ? { errors: error.options.errors } : {}),
  };
}

/** A response entry for route schemas, so the OpenAPI document shows problems with their real media type. */
export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** Problems any /v1 route can answer with, whatever it does. */
export const v1Problems = {
  401: problemResponse('Missing or invalid API key (only when API_KEYS is set)'),
  429: problemResponse('Rate limit exceeded (RATE_LIMIT_PER_MIN)'),
};
