import type { Chunk } from '../../../ingest/types.ts';
import { unitTurns } from '../../../ingest/unit-turns.ts';
import type { Source } from '../answers/answer-types.ts';
import { defuseMarkers } from './citation-markers.ts';

const lineRange = (start: number, end: number) => (start === end ? `L${start}` : `L${start}–L${end}`);

// A unit grouping several turns names each speaker before their lines, or the LLM would put
// every word in the mouth of the one speaker the source header names.
function sourceText(c: Chunk): string {
  const turns = unitTurns(c);
  if (turns.length === 1) return c.text.trim();
  const paragraphs = c.text.split('\n\n');
  if (paragraphs.length !== c.lines.length) return c.text.trim();
  // Consecutive turns of one speaker read as one.
  return turns
    .map((t, i) => {
      const text = paragraphs.slice(t.from, turns[i + 1]?.from ?? paragraphs.length).join('\n\n');
      return i > 0 && turns[i - 1].speaker === t.speaker ? text : `${t.speaker}: ${text}`;
    })
    .join('\n\n')
    .trim();
}

/** One source as the LLM sees it: a header naming speaker(s), role, call and lines, then the text. */
export function formatSource({ n, hit }: Source): string {
  const c = hit.chunk;
  const who =
    c.speakers.length > 1 ? c.speakers.join(', ') : [c.speaker, c.title, c.role === 'analyst' ? c.firm : undefined].filter(Boolean).join(', ');
  const role = [...new Set(unitTurns(c).map((t) => t.role))].join(', ');
  // A "[2]" in the transcript would read as a source number to the model and to the marker parser.
  return `[${n}] ${who} (${role}) — ${hit.callTitle} — ${c.file}:${lineRange(c.startLine, c.endLine)}\n${defuseMarkers(sourceText(c))}`;
}

export const formatSources = (sources: readonly Source[]): string => sources.map(formatSource).join('\n\n');
