import type { CallDocument } from '../../../ingest/index-store/types.ts';
import type { TranscriptLine } from '../../../ingest/index-store/types.ts';

// Caption transcripts (VTT/SRT) know when each cue was said; the transcript view shows it beside
// the cue's first line. Built once per call document, on first request.
const cache = new WeakMap<CallDocument, Map<number, number>>();

function timesOf(doc: CallDocument): Map<number, number> {
  let times = cache.get(doc);
  if (!times) {
    times = new Map();
    for (const turn of doc.turns) for (const p of turn.paragraphs) if (p.startTime !== undefined) times.set(p.line, p.startTime);
    cache.set(doc, times);
  }
  return times;
}

export function withCueTimes(doc: CallDocument, lines: TranscriptLine[]): (TranscriptLine & { startTime?: number })[] {
  const times = timesOf(doc);
  if (times.size === 0) return lines;
  return lines.map((line) => (times.has(line.n) ? { ...line, startTime: times.get(line.n) } : line));
}
