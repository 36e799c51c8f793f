// Deterministic synthetic index data for the index-store tests (plain data, no I/O).
import { callLines } from '../../../ingest/call-document.ts';
import type { CallMeta, Chunk, Turn } from '../../../ingest/types.ts';
import type { CallDocument, IndexData } from '../../../ingest/index-store/types.ts';

const WORDS = (
  'revenue margin guidance cloud subscription inventory dividend buyback headcount pricing demand ' +
  'supply backlog freight tariff currency capital expense factory software hardware retail channel ' +
  'customer churn renewal pipeline quota segment region europe china growth decline outlook'
).split(' ');

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** A word no other chunk contains, letters only so the analyzer keeps it whole. */
export function markerWord(i: number): string {
  let w = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / 26)) w += String.fromCharCode(97 + (n % 26));
  return `zorblat${w}`;
}

export function unitVector(dim: number, next: () => number): Float32Array {
  const v = new Float32Array(dim);
  let norm = 0;
  for (let j = 0; j < dim; j++) norm += (v[j] = next() * 2 - 1) ** 2;
  for (let j = 0; j < dim; j++) v[j] /= Math.sqrt(norm);
  return v;
}

export interface SyntheticOptions {
  calls: number;
  chunksPerCall: number;
  dim: number;
  seed?: number;
  embedderId?: string;
}

export function syntheticIndexData(o: SyntheticOptions): IndexData {
  const next = rng(o.seed ?? 7);
  const calls: CallDocument[] = [];
  const chunks: Chunk[] = [];
  const vectors: Float32Array[] = [];
  for (let c = 0; c < o.calls; c++) {
    const id = `call_${String(c).padStart(3, '0')}`;
    const file = `calls/${id}.txt`;
    const call: CallMeta = { id, file, sha256: `sha-${c}`, format: 'speaker-colon', title: `Call ${c}`, company: `Company ${c}` };
    const turns: Turn[] = [];
    for (let t = 0; t < o.chunksPerCall; t++) {
      const ordinal = chunks.length;
      const line = 2 * t + 1;
      const words = Array.from({ length: 12 }, () => WORDS[Math.floor(next() * WORDS.length)]);
      const text = `${words.join(' ')} ${markerWord(ordinal)}.`;
      const turn: Turn = {
        id: `${id}:t${t}`, index: t, speaker: `Speaker ${t % 3}`, role: t % 2 ? 'analyst' : 'management',
        section: t < 2 ? 'prepared' : 'qa', paragraphs: [{ line: line + 1, text }], headerLine: line,
        startLine: line, endLine: line + 1,
      };
      turns.push(turn);
      chunks.push({
        id: `${id}#${line + 1}-${line + 1}`, callId: id, file, turnId: turn.id, turnIndex: t, part: 0,
        startLine: line + 1, endLine: line + 1, lines: [line + 1], speaker: turn.speaker, speakers: [turn.speaker], role: turn.role,
        section: turn.section, text, embedText: `${call.company} | ${turn.speaker}\n${text}`,
      });
      vectors.push(unitVector(o.dim, next));
    }
    // The store keeps lines derived from turns, as ingest builds them.
    calls.push({ call, turns, lines: callLines(turns), chunkCount: o.chunksPerCall });
  }
  return {
    embedder: { id: o.embedderId ?? `test:random:${o.dim}`, dimensions: o.dim },
    chunking: { maxTokens: 200 },
    calls,
    chunks,
    vectors,
    files: calls.map((d) => ({ file: d.call.file, callId: d.call.id, sha256: d.call.sha256, turns: d.turns.length, chunks: d.chunkCount })),
  };
}

export { plainChunk } from '../../../ingest/chunk-fields.ts';

/** A stored call document as plain data (its turns' paragraphs and its lines are decoded when read). */
export const plainCall = (d: CallDocument): CallDocument => ({
  call: d.call,
  turns: d.turns.map((t) => plainTurn(t)),
  lines: d.lines,
  chunkCount: d.chunkCount,
});

const TURN_FIELDS = ['id', 'index', 'speaker', 'title', 'headerLine', 'role', 'section', 'firm', 'answersTurnId', 'startLine', 'endLine', 'paragraphs'] as const;

function plainTurn(t: Turn): Turn {
  const out: Record<string, unknown> = {};
  for (const key of TURN_FIELDS) if (t[key] !== undefined) out[key] = t[key];
  return out as unknown as Turn;
}
