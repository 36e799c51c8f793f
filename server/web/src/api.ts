import { getApiKey } from './settings/settings-store.ts';

/** A failed request, readable as is: problem+json's title and detail, or what went wrong on the way. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get needsKey(): boolean {
    return this.status === 401;
  }
}

export function authHeaders(): Record<string, string> {
  const key = getApiKey();
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** fetch on the page's own origin with the API key; non-2xx replies become ApiError. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { ...authHeaders(), ...(init.headers as Record<string, string> | undefined) } });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError('Could not reach the server. Check that it is running and try again.', 0);
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await apiFetch(path, { signal });
  return (await response.json()) as T;
}

// What a reader can do about the refusals they will meet; other problems keep the server's words.
function readerMessage(status: number): string | undefined {
  if (status === 401) {
    return getApiKey()
      ? 'The access key in this browser was not accepted. Check it, or ask whoever runs this server for a new one.'
      : 'This server needs an access key. Enter it with “Access key” (top right).';
  }
  if (status === 429) return 'Too many questions in a short time. Wait a minute, then try again.';
  return undefined;
}

async function toApiError(response: Response): Promise<ApiError> {
  const plain = readerMessage(response.status);
  if (plain) return new ApiError(plain, response.status);
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const body = (await response.json().catch(() => undefined)) as { title?: string; detail?: string; code?: string } | undefined;
    if (body?.detail || body?.title) {
      return new ApiError([body.title, body.detail].filter(Boolean).join(': '), response.status, body.code);
    }
  }
  return new ApiError(`The server answered ${response.status} ${response.statusText}`.trim(), response.status);
}
