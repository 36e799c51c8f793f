import { cueRange, linesLabel } from './citation-format.ts';
import { passageUrl } from '../transcript/passage-url.ts';
import type { AskResult } from '../types.ts';

/** An answer as plain text to paste elsewhere: the text with its [n] markers, then what each cites. */
export function answerAsText(result: Pick<AskResult, 'answer' | 'citations'>, origin: string): string {
  if (result.citations.length === 0) return result.answer;
  const sources = result.citations.map((c) => {
    const when = cueRange(c);
    const where = [c.callTitle, linesLabel(c), when].filter(Boolean).join(', ');
    return `[${c.n}] ${c.speaker} — ${where}: “${c.quote}” ${origin}${passageUrl(c)}`;
  });
  return `${result.answer}\n\nSources:\n${sources.join('\n')}`;
}
