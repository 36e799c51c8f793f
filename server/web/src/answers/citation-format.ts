import type { Citation } from '../types.ts';

export const linesLabel = (c: Pick<Citation, 'startLine' | 'endLine'>): string =>
  c.startLine === c.endLine ? `line ${c.startLine}` : `lines ${c.startLine}–${c.endLine}`;

/** Seconds as a caption player shows them: 1:02 or 1:02:03. */
export function cueTime(seconds: number): string {
  const s = Math.floor(seconds);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** "1:02–1:10" for a caption (VTT/SRT) passage; undefined for transcripts without cue times. */
export function cueRange(c: Pick<Citation, 'startTime' | 'endTime'>): string | undefined {
  if (c.startTime === undefined) return undefined;
  return c.endTime !== undefined && Math.floor(c.endTime) !== Math.floor(c.startTime) ? `${cueTime(c.startTime)}–${cueTime(c.endTime)}` : cueTime(c.startTime);
}
