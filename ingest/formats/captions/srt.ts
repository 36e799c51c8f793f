// SubRip (.srt) exports: numeric counter, `00:00:01,000 --> 00:00:02,500`, text, blank line.
import { TranscriptParseError } from '../../types.ts';
import type { ParsedTranscript } from '../../types.ts';
import { readCues } from './cue-reader.ts';
import { cuesToTurns } from './cue-turns.ts';
import { firstContentLine, requireTurns } from '../lines.ts';

export function parseSrt(lines: string[], file: string): ParsedTranscript {
  const cues = readCues(lines, 0);
  if (cues.length === 0) {
    throw new TranscriptParseError('no cues found: expected a timing line such as "00:00:01,000 --> 00:00:02,500"', file, firstContentLine(lines) ?? 1);
  }
  const turns = requireTurns(cuesToTurns(cues), file, lines, 'the cues hold no English text');
  return { format: 'srt', turns };
}
