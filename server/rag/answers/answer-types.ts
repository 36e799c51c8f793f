import type { Role } from '../../../ingest/types.ts';
import type { RetrievedChunk } from '../retrieval/retrieve.ts';

/** One cited passage: a verbatim quote and the exact source lines of the paragraph(s) holding it. */
export interface Citation {
  /** 1-based, dense, in order of first use in the answer. */
  n: number;
  file: string;
  startLine: number;
  endLine: number;
  speaker: string;
  title?: string;
  role: Role;
  callId: string;
  callTitle: string;
  quote: string;
  startTime?: number;
  endTime?: number;
}

export interface Answer {
  answer: string;
  /** False when the transcripts do not cover the question (the answer says so). */
  answered: boolean;
  mode: 'extractive' | 'llm';
  /** True when an LLM answer was wanted but the extractive one was given instead. */
  degraded?: boolean;
  degradedReason?: string;
  citations: Citation[];
  /**
   * LLM answers only: how its claims were checked against the passages they cite (claim-check.ts).
   * `dropped` claims stated a figure, name or quotation their passages do not, or cited nothing
   * valid; they were removed from `answer`.
   */
  verification?: Verification;
  /** Nearby passages worth reading, not cited by the answer. */
  seeAlso: Citation[];
}

export interface Verification {
  /** Claims (sentences or clauses ending in markers) read in the reply. */
  claims: number;
  /** Claims removed from the answer. */
  dropped: number;
  /** Why each was dropped: the figure, name or quotation not found, or the citation problem. */
  problems: { reason: string; detail: string }[];
}

/** A retrieved chunk numbered (1-based) as it is shown to an LLM. */
export interface Source {
  n: number;
  hit: RetrievedChunk;
}
