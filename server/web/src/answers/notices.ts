// What the page says about a fallback or a failure, in words a reader can act on. The codes stay
// in the API (`degradedReason`, an error event's `code`); a person sees none of them.

const DEGRADED: Record<string, string> = {
  llm_timeout: 'The language model did not answer in time — showing quotes from the transcripts instead.',
  llm_rate_limited: 'The language model is busy right now — showing quotes from the transcripts instead.',
  llm_error: 'The language model could not be reached — showing quotes from the transcripts instead.',
  llm_bad_response: 'The language model sent an unreadable reply — showing quotes from the transcripts instead.',
  llm_no_valid_citations: 'The language model’s answer did not point to the transcripts — showing quotes from the transcripts instead.',
  llm_unverified_claims: 'The language model’s answer said things the transcripts do not — showing quotes from the transcripts instead.',
};

const FALLBACK = 'The language model’s answer could not be used — showing quotes from the transcripts instead.';

/** The notice shown above an extractive answer served because the LLM failed. */
export const degradedNotice = (reason: string | undefined): string => (reason && DEGRADED[reason]) || FALLBACK;

/** A server error event's message for a reader (the server's own message stays in the console). */
export function streamErrorMessage(code: string | undefined): string {
  if (code === 'retrieval_failed') return 'The search over the transcripts failed. Try again in a moment.';
  return 'The server could not finish this answer. Try again in a moment.';
}
