// WebVTT caption exports (Zoom, Teams, Meet). The `WEBVTT` line may carry a title; the header
// block under it (`Kind:`, `Language:`) ends at the first blank line.
import { TranscriptParseError } from '../../types.ts';
import type { ParsedTranscript } from '../../types.ts';
import { readCues } from './cue-reader.ts';
import { cuesToTurns } from './cue-turns.ts';
import { firstContentLine, requireTurns } from '../lines.ts';

export const WEBVTT_HEADER = /^\uFEFF?WEBVTT(?=$|[\s])/;

export function parseWebVtt(lines: string[], file: string): ParsedTranscript {
  const headerLine = firstContentLine(lines);
  if (headerLine === undefined || !WEBVTT_HEADER.test(lines[headerLine - 1].trim())) {
    throw new TranscriptParseError('not a WebVTT file: expected a "WEBVTT" first line', file, headerLine ?? 1);
  }
  const title = lines[headerLine - 1].trim().replace(WEBVTT_HEADER, '').replace(/^\s*[-–—:]?\s*/, '') || undefined;
  let body = headerLine;
  while (body < lines.length && lines[body].trim()) body += 1;

  const cues = readCues(lines, body);
  if (cues.length === 0) {
    throw new TranscriptParseError('no cues found: expected a timing line such as "00:00:01.000 --> 00:00:04.000"', file, firstContentLine(lines, body) ?? headerLine);
  }
  const turns = requireTurns(cuesToTurns(cues), file, lines, 'the cues hold no English text');
  return { format: 'vtt', title, turns };
}
