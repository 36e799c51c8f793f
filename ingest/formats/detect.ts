// Decides which parser reads a file, from the shape of its lines (never from the extension,
// since exports are often renamed to .txt).
import type { TranscriptFormat } from '../types.ts';
import { TIMING_LINE } from './captions/cue-reader.ts';
import { earningsSignals, isHeaderShape } from './earnings.ts';
import { firstContentLine } from './lines.ts';
import { isMostlyNonLatin } from './script.ts';
import { countSpeakerLines } from './speaker-colon.ts';
import { WEBVTT_HEADER } from './captions/webvtt.ts';

export function detectFormat(lines: string[]): TranscriptFormat | undefined {
  const first = firstContentLine(lines);
  if (first === undefined) return undefined;
  if (WEBVTT_HEADER.test(lines[first - 1].trim())) return 'vtt';
  if (lines.some((l) => TIMING_LINE.test(l))) return 'srt';

  const { doubled, translations, nameTitle } = earningsSignals(lines);
  const colon = countSpeakerLines(lines);
  const strongHeaders = doubled >= 2 || nameTitle >= 2;
  if (strongHeaders && doubled + nameTitle >= colon) return 'earnings';
  if (translations >= 2 && doubled + nameTitle >= 1) return 'earnings';
  if (colon >= 2) return 'speaker-colon';
  if (strongHeaders) return 'earnings';
  // English-only calls whose headers are bare names ("Operator", "Jane Doe").
  const bareHeaders = lines.filter((l) => l.trim() && !isMostlyNonLatin(l) && isHeaderShape(l.trim())).length;
  return bareHeaders >= 2 ? 'earnings' : undefined;
}
