// One error type for every way an LLM call can fail, so callers degrade on a kind, not on
// vendor-specific exception classes.

export type LlmErrorKind =
  /** The call's signal fired because time ran out (AbortSignal.timeout) or the SDK timed out. */
  | 'timeout'
  /** The caller's signal fired for another reason (the client went away). */
  | 'aborted'
  | 'rate_limited'
  /** 5xx, other HTTP errors, refused or reset connections, broken streams. */
  | 'upstream'
  /** A reply we cannot read: unparseable or empty. */
  | 'bad_response'
  /** A readable reply that cites no source we gave it: not a grounded answer. */
  | 'no_valid_citations'
  /** Every cited claim stated a figure, name or quotation its passages do not (claim-check.ts). */
  | 'unverified_claims';

export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LlmError';
  }
}

const isTimeoutReason = (reason: unknown) =>
  reason instanceof Error && (reason.name === 'TimeoutError' || /timed? ?out/i.test(reason.message));

/** Maps whatever an SDK threw (or the signal's state) onto an LlmError. */
export function toLlmError(caught: unknown, signal?: AbortSignal): LlmError {
  if (caught instanceof LlmError) return caught;
  const error = caught instanceof Error ? caught : new Error(String(caught));
  const first = error.message.split('\n')[0];
  if (signal?.aborted) {
    const kind = isTimeoutReason(signal.reason) ? 'timeout' : 'aborted';
    return new LlmError(kind, kind === 'timeout' ? 'LLM call timed out' : 'LLM call aborted', undefined, { cause: error });
  }
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') {
    if (status === 429) return new LlmError('rate_limited', `LLM rate limited: ${first}`, status, { cause: error });
    return new LlmError('upstream', `LLM returned ${status}: ${first}`, status, { cause: error });
  }
  const name = error.name ?? '';
  if (/Timeout/i.test(name) || /timed? ?out/i.test(first)) return new LlmError('timeout', `LLM call timed out: ${first}`, undefined, { cause: error });
  if (error instanceof SyntaxError || /JSON|parse|Unexpected token/i.test(first)) {
    return new LlmError('bad_response', `LLM reply could not be read: ${first}`, undefined, { cause: error });
  }
  return new LlmError('upstream', `LLM call failed: ${first}`, undefined, { cause: error });
}
