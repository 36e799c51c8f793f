import type { Citation } from '../rag/answers/answer-types.ts';
import type { AskResult } from '../rag/ask.ts';
import { defuseMarkers } from '../rag/llm-answers/citation-markers.ts';
import { citationSpeaker, lineRange } from '../routes/shared/citation-text.ts';

/** `[1] file.txt:L116–L118 — Tim M. Wan (CFO): "quote"` */
// The quote as the answer shows it: a speaker's "[2]" printed as "(2)", never as a second marker.
export const citationLine = (c: Citation) => `[${c.n}] ${c.file}:${lineRange(c)} — ${citationSpeaker(c)}: "${defuseMarkers(c.quote)}"`;

/** The answer as a terminal shows it: text, then its sources or (for an abstention) where to look. */
export function formatAnswer(result: AskResult): string {
  const parts = [result.answer];
  if (result.citations.length) parts.push(`Sources:\n${result.citations.map(citationLine).join('\n')}`);
  if (!result.answered && result.seeAlso.length) parts.push(`See also:\n${result.seeAlso.map(citationLine).join('\n')}`);
  return `${parts.join('\n\n')}\n`;
}
