/** A piece of an answer: plain text, or a citation marker ([3] or [2, 5]) naming source numbers. */
export type AnswerPart = { text: string } | { cites: number[]; raw: string };

const MARKER = /\[(\d+(?:\s*[,;]\s*\d+)*)\]/g;

/** Splits an answer's text at its citation markers, as the server writes them. */
export function splitAnswer(text: string): AnswerPart[] {
  const parts: AnswerPart[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ cites: match[1].split(/\s*[,;]\s*/).map(Number), raw: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
