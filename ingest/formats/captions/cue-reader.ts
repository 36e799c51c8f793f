// Reads caption cues (WebVTT and SRT share this shape): an optional identifier or counter, a
// timing line `start --> end [settings]`, then text lines up to a blank line.
import { parseTimestamp } from './timestamps.ts';

export interface Cue {
  start: number;
  end: number;
  /** Text lines with their 1-based source line numbers. */
  text: { line: number; text: string }[];
}

const TIME = String.raw`(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
export const TIMING_LINE = new RegExp(String.raw`^\s*(${TIME})\s*-->\s*(${TIME})(?:\s.*)?$`);
// VTT blocks that are not cues; skipped up to the next blank line.
const SKIPPED_BLOCK = /^(?:NOTE|STYLE|REGION)(?:\s|$)/;

export function readCues(lines: string[], from: number): Cue[] {
  const cues: Cue[] = [];
  let cue: Cue | undefined;
  let skipping = false;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) {
      cue = undefined;
      skipping = false;
      continue;
    }
    if (skipping) continue;
    const timing = TIMING_LINE.exec(line);
    if (timing) {
      // A timing line always opens a cue, even when an exporter forgot the blank line.
      cue = { start: parseTimestamp(timing[1]) ?? 0, end: parseTimestamp(timing[2]) ?? 0, text: [] };
      cues.push(cue);
    } else if (cue) {
      cue.text.push({ line: i + 1, text: line });
    } else if (SKIPPED_BLOCK.test(line)) {
      skipping = true;
    }
    // Anything else outside a cue is a cue identifier or SRT counter: not text.
  }
  return cues;
}
