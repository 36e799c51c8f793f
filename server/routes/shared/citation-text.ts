import { shortTitle } from '../../rag/answers/answer-labels.ts';
import type { Citation } from '../../rag/answers/answer-types.ts';

// Plain-text renderings of citations, for clients that show text only (OpenAI-style chat, the CLI).

export const lineRange = (c: Pick<Citation, 'startLine' | 'endLine'>) =>
  c.startLine === c.endLine ? `L${c.startLine}` : `L${c.startLine}–L${c.endLine}`;

/** "Tim M. Wan (CFO)"; analysts' titles say little, so they are labelled as such. */
export function citationSpeaker(c: Citation): string {
  const label = c.role === 'analyst' ? 'analyst' : shortTitle(c.title);
  return label ? `${c.speaker} (${label})` : c.speaker;
}

/** `[1] Tim M. Wan (CFO) — file.txt:L116–L118` */
export const sourceLine = (c: Citation) => `[${c.n}] ${citationSpeaker(c)} — ${c.file}:${lineRange(c)}`;

/** The answer followed by its sources (or, for an abstention, the passages worth reading). */
export function answerWithSources(answer: string, citations: readonly Citation[], seeAlso: readonly Citation[]): string {
  if (citations.length) return `${answer}\n\nSources:\n${citations.map(sourceLine).join('\n')}`;
  if (seeAlso.length) return `${answer}\n\nSee also:\n${seeAlso.map(sourceLine).join('\n')}`;
  return answer;
}
