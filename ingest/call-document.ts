import type { CallDocument, TranscriptLine } from './index-store/types.ts';
import type { Transcript } from './types.ts';

/** The English lines people read behind a citation: each turn's header and its paragraphs. */
export function buildCallDocument(transcript: Transcript, chunkCount: number): CallDocument {
  const lines: TranscriptLine[] = [];
  for (const turn of transcript.turns) {
    if (turn.headerLine !== undefined) {
      const header = turn.title ? `${turn.speaker} - ${turn.title}` : turn.speaker;
      lines.push({ n: turn.headerLine, text: header, speaker: turn.speaker });
    }
    for (const p of turn.paragraphs) lines.push({ n: p.line, text: p.text, speaker: turn.speaker });
  }
  lines.sort((a, b) => a.n - b.n);
  return { call: transcript.call, turns: transcript.turns, lines, chunkCount };
}
