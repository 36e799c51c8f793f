// The wire shapes the page reads, taken from the server's own types so they cannot drift.
// Type-only imports: nothing of the server reaches the bundle.
import type { Citation } from '../../rag/answers/answer-types.ts';
import type { AskResult } from '../../rag/ask.ts';
import type { SearchFilters } from '../../rag/retrieval/filters.ts';

export type { Citation, AskResult, SearchFilters };

export interface CallSummary {
  id: string;
  file: string;
  title: string;
  company?: string;
  companyAliases?: string[];
  ticker?: string;
  fiscalQuarter?: number;
  fiscalYear?: number;
  fiscal?: boolean;
  turns: number;
  chunks: number;
}

export interface TranscriptLine {
  n: number;
  text: string;
  speaker?: string;
  /** Caption transcripts: when the cue starting on this line begins (seconds). */
  startTime?: number;
}

export interface LinesPage {
  callId: string;
  file: string;
  title?: string;
  from: number;
  to: number;
  lines: TranscriptLine[];
  nextFrom?: number;
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface AskBody {
  question: string;
  filters?: SearchFilters;
  messages?: ChatMessage[];
  stream: true;
}
