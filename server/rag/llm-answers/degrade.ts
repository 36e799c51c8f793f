import type { LlmError } from '../../llm/llm-error.ts';
import { answerExtractive, type ExtractiveOptions } from '../answers/answer-extractive.ts';
import type { Answer } from '../answers/answer-types.ts';
import type { Retrieval } from '../retrieval/retrieve.ts';

export type DegradedReason = 'llm_timeout' | 'llm_rate_limited' | 'llm_error' | 'llm_bad_response' | 'llm_no_valid_citations' | 'llm_unverified_claims';

export function degradedReason(error: LlmError): DegradedReason {
  switch (error.kind) {
    case 'timeout':
      return 'llm_timeout';
    case 'rate_limited':
      return 'llm_rate_limited';
    case 'bad_response':
      return 'llm_bad_response';
    case 'no_valid_citations':
      return 'llm_no_valid_citations';
    case 'unverified_claims':
      return 'llm_unverified_claims';
    default:
      return 'llm_error';
  }
}

/** The extractive answer standing in for an LLM answer that failed. */
export function degradeToExtractive(question: string, retrieval: Retrieval, error: LlmError, opts?: ExtractiveOptions): Answer {
  return { ...answerExtractive(question, retrieval, opts), degraded: true, degradedReason: degradedReason(error) };
}
