// Entry point of the format parsers: detect the format, hand the lines to one parser.
import { TranscriptParseError } from '../types.ts';
import type { ParsedTranscript, TranscriptFormat } from '../types.ts';
import { detectFormat } from './detect.ts';
import { parseEarnings } from './earnings.ts';
import { firstContentLine, splitLines } from './lines.ts';
import { parseSpeakerColon } from './speaker-colon.ts';
import { parseSrt } from './captions/srt.ts';
import { parseWebVtt } from './captions/webvtt.ts';

const PARSERS: Record<TranscriptFormat, (lines: string[], file: string) => ParsedTranscript> = {
  earnings: parseEarnings,
  'speaker-colon': parseSpeakerColon,
  vtt: parseWebVtt,
  srt: parseSrt,
};

export function parseTranscript(text: string, file: string): ParsedTranscript {
  const lines = splitLines(text.replace(/^\uFEFF/, ''));
  const first = firstContentLine(lines);
  if (first === undefined) throw new TranscriptParseError('the transcript is empty', file, 1);
  const format = detectFormat(lines);
  if (!format) {
    const shown = lines[first - 1].trim().slice(0, 60);
    throw new TranscriptParseError(
      `no speaker turns found: "${shown}" is not a speaker header ("Name - Title"), a "Name: text" line or a caption cue`,
      file,
      first,
    );
  }
  return PARSERS[format](lines, file);
}
