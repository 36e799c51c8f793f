// Splitting text into lines the way editors number them, plus the checks every parser shares.
import { TranscriptParseError } from '../types.ts';
import type { RawTurn } from '../types.ts';

/** CRLF, CR and LF all end a line, so numbering matches the original file. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** 1-based number of the first non-blank line at or after `from` (0-based), if any. */
export function firstContentLine(lines: string[], from = 0): number | undefined {
  for (let i = from; i < lines.length; i++) if (lines[i].trim()) return i + 1;
  return undefined;
}

/** Ends like a sentence ("Great.", "Right?"), allowing for "Jr." and "Inc." at the end of names. */
export function endsLikeSentence(text: string): boolean {
  return /[.?!…]["”'’)]?$/.test(text) && !/\b(?:Jr|Sr|Inc|Co|Corp|Ltd|\p{Lu})\.$/u.test(text);
}

/** Drops turns that ended up without English paragraphs; fails when nothing is left. */
export function requireTurns(turns: RawTurn[], file: string, lines: string[], why: string): RawTurn[] {
  const kept = turns.filter((t) => t.paragraphs.length > 0);
  if (kept.length === 0) throw new TranscriptParseError(`no speaker turns found: ${why}`, file, firstContentLine(lines));
  return kept;
}

export function sameSpeaker(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}
