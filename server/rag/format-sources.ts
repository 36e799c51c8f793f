import type { Source } from './answer-types.ts';

const lineRange = (start: number, end: number) => (start === end ? `L${start}` : `L${start}–L${end}`);

/** One source as the LLM sees it: a header naming speaker, role, call and lines, then the text. */
export function formatSource({ n, hit }: Source): string {
  const c = hit.chunk;
  const who = [c.speaker, c.title, c.role === 'analyst' ? c.firm : undefined].filter(Boolean).join(', ');
  return `[${n}] ${who} (${c.role}) — ${hit.callTitle} — ${c.file}:${lineRange(c.startLine, c.endLine)}\n${c.text.trim()}`;
}

export const formatSources = (sources: readonly Source[]): string => sources.map(formatSource).join('\n\n');
