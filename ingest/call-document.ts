import type { CallDocument, TranscriptLine } from './index-store/types.ts';
import type { Transcript, Turn } from './types.ts';

/** The English lines people read behind a citation: each turn's header and its paragraphs. */
export function callLines(turns: readonly Turn[]): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  for (const turn of turns) {
    if (turn.headerLine !== undefined) {
      const header = turn.title ? `${turn.speaker} - ${turn.title}` : turn.speaker;
      lines.push({ n: turn.headerLine, text: header, speaker: turn.speaker });
    }
    for (const p of turn.paragraphs) lines.push({ n: p.line, text: p.text, speaker: turn.speaker });
  }
  return lines.sort((a, b) => a.n - b.n);
}

export function buildCallDocument(transcript: Transcript, chunkCount: number): CallDocument {
  return { call: transcript.call, turns: transcript.turns, lines: callLines(transcript.turns), chunkCount };
}
