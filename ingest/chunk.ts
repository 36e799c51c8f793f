import { formatContextHeader } from './text/context-header.ts';
import type { Chunk, Paragraph, Transcript, Turn } from './types.ts';

/*
 * Turns → chunks. A chunk never crosses a speaker turn and never splits a paragraph: short
 * turns are one chunk; long turns are cut at paragraph boundaries so each chunk stays under
 * the token budget (a paragraph longer than the budget is a chunk of its own). Tokens are
 * estimated as whitespace-separated words × 1.3, close to BPE counts for English prose and
 * free to compute.
 */
export const DEFAULT_MAX_TOKENS = 300;
const TOKENS_PER_WORD = 1.3;
const QUESTION_WORDS = 60;

export interface ChunkOptions {
  maxTokens?: number;
}

/** Estimated model tokens of a text: words × 1.3, rounded up. */
export function estimateTokens(text: string): number {
  const words = text.match(/\S+/g)?.length ?? 0;
  return Math.ceil(words * TOKENS_PER_WORD);
}

/** Greedy packing of paragraphs under the budget, in order. */
function packParagraphs(paragraphs: Paragraph[], maxTokens: number): Paragraph[][] {
  const groups: Paragraph[][] = [];
  let current: Paragraph[] = [];
  let tokens = 0;
  for (const p of paragraphs) {
    const t = estimateTokens(p.text);
    if (current.length > 0 && tokens + t > maxTokens) {
      groups.push(current);
      current = [];
      tokens = 0;
    }
    current.push(p);
    tokens += t;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function firstWords(text: string, n: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length <= n ? words.join(' ') : `${words.slice(0, n).join(' ')} …`;
}

function speakerLine(turn: Turn): string {
  const who = turn.title ? `${turn.speaker}, ${turn.title}` : turn.speaker;
  return `${who} (${turn.firm ? `${turn.role}, ${turn.firm}` : turn.role})`;
}

/** The context header embedded with each chunk: call, section, speaker, and the question a management answer addresses. */
function header(t: Transcript, turn: Turn, byId: Map<string, Turn>): string {
  const section = turn.section === 'qa' ? 'Q&A' : 'Prepared remarks';
  const fields: Array<[string, string]> = [
    ['Call', `${t.call.title} — ${section}`],
    ['Speaker', speakerLine(turn)],
  ];
  const question = turn.answersTurnId ? byId.get(turn.answersTurnId) : undefined;
  if (question && turn.role === 'management' && question.paragraphs.length > 0) {
    const text = question.paragraphs.map((p) => p.text).join(' ');
    // The firm too: people ask "what did Tim tell the Piper Sandler analyst".
    const asker = question.firm ? `${question.speaker} (${question.firm})` : question.speaker;
    fields.push([`Question from ${asker}`, firstWords(text, QUESTION_WORDS)]);
  }
  return formatContextHeader(fields);
}

/** Splits a transcript into retrieval chunks, in transcript order. */
export function chunkTranscript(t: Transcript, opts: ChunkOptions = {}): Chunk[] {
  const maxTokens = opts.maxTokens ?? DEFAULT_MAX_TOKENS;
  if (!(maxTokens > 0)) throw new Error(`maxTokens must be positive, got ${maxTokens}`);
  const byId = new Map(t.turns.map((turn) => [turn.id, turn]));
  const chunks: Chunk[] = [];
  for (const turn of t.turns) {
    const head = header(t, turn, byId);
    packParagraphs(turn.paragraphs, maxTokens).forEach((group, part) => {
      const lines = group.map((p) => p.line);
      const startLine = lines[0];
      const endLine = lines[lines.length - 1];
      const text = group.map((p) => p.text).join('\n\n');
      chunks.push({
        id: `${t.call.id}#${startLine}-${endLine}`,
        callId: t.call.id,
        file: t.call.file,
        turnId: turn.id,
        turnIndex: turn.index,
        part,
        startLine,
        endLine,
        lines,
        speaker: turn.speaker,
        title: turn.title,
        role: turn.role,
        section: turn.section,
        firm: turn.firm,
        answersTurnId: turn.answersTurnId,
        text,
        embedText: `${head}\n\n${text}`,
        startTime: group.find((p) => p.startTime !== undefined)?.startTime,
        endTime: group.findLast((p) => p.endTime !== undefined)?.endTime,
        ...(group.some((p) => p.startTime !== undefined || p.endTime !== undefined) && {
          times: group.map((p) => (p.startTime !== undefined || p.endTime !== undefined ? { startTime: p.startTime, endTime: p.endTime } : null)),
        }),
      });
    });
  }
  return chunks;
}
