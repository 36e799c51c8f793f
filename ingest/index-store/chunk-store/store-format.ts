// The compact store of calls, turns and chunks (format version 3). The server used to JSON.parse
// ~160 MB of chunk and call JSON at start (1,380 real calls: ~2.5 s of CPU, a heap peak of ~800 MB
// that V8 kept as RSS); now it views typed arrays and reads text only when it is asked for:
// - text.bin: every paragraph's text and every distinct context header, UTF-8, back to back (a
//   call's paragraphs one after another), read in place (text-file.ts);
// - store.bin: the columns below, each 8-byte aligned, at the offsets store.json gives;
// - store.json: call metadata, a table of the short strings (speakers, titles, firms, turn ids)
//   the columns refer to by index, and the rare fields that do not follow the rules (overrides).
// What can be derived is not stored: a chunk's lines are a run of its call's paragraphs, its text
// their texts joined by blank lines, its embedText a header followed by that text, its id and turn
// id follow their patterns. A chunk or turn that breaks a rule keeps the field as an override.
import type { CallMeta, Chunk, Turn } from '../../types.ts';

/** No string (an absent optional field) in a string-table column; no number in an Int32 column. */
export const NONE = -1;
export const NO_INT = -2147483648;

type ColumnType = 'i32' | 'u32' | 'u8' | 'f64';

export const COLUMNS = {
  // per turn, calls' turns back to back
  turnSpeaker: 'i32',
  turnTitle: 'i32',
  turnHeaderLine: 'i32',
  turnIndex: 'i32',
  turnRole: 'u8',
  turnSection: 'u8',
  turnFirm: 'i32',
  turnAnswers: 'i32',
  turnStartLine: 'i32',
  turnEndLine: 'i32',
  turnParaStart: 'i32',
  turnParaCount: 'i32',
  // per paragraph, turns' paragraphs back to back; text is bytes [start, end) of text.bin
  paraLine: 'i32',
  paraStart: 'u32',
  paraEnd: 'u32',
  paraStartTime: 'f64',
  paraEndTime: 'f64',
  // per distinct context header
  headerStart: 'u32',
  headerEnd: 'u32',
  // per chunk
  chunkCall: 'i32',
  chunkTurnIndex: 'i32',
  chunkPart: 'i32',
  /** First paragraph of the chunk's run (NONE: its lines are an override). */
  chunkParaStart: 'i32',
  chunkParaCount: 'i32',
  chunkSpeaker: 'i32',
  chunkTitle: 'i32',
  chunkRole: 'u8',
  chunkSection: 'u8',
  chunkFirm: 'i32',
  chunkAnswers: 'i32',
  /** chunkSpeakers[chunkSpeakersStart[o] … chunkSpeakersStart[o + 1]) are the chunk's speakers. */
  chunkSpeakersStart: 'i32',
  chunkSpeakers: 'i32',
  /** NONE: the whole embedText is an override. */
  chunkHeader: 'i32',
  chunkStartTime: 'f64',
  chunkEndTime: 'f64',
} as const satisfies Record<string, ColumnType>;

export type ColumnName = keyof typeof COLUMNS;
export type ColumnArray<T extends ColumnType> = T extends 'i32' ? Int32Array : T extends 'u32' ? Uint32Array : T extends 'u8' ? Uint8Array : Float64Array;
export type Columns = { [K in ColumnName]: ColumnArray<(typeof COLUMNS)[K]> };

export const ARRAY_TYPES = { i32: Int32Array, u32: Uint32Array, u8: Uint8Array, f64: Float64Array } as const;

/** Fields of a chunk that may not follow the rules, stored as they are. */
export type ChunkOverride = Partial<Pick<Chunk, 'id' | 'file' | 'turnId' | 'lines' | 'startLine' | 'endLine' | 'text' | 'embedText' | 'turns' | 'times'>>;
export type TurnOverride = Partial<Pick<Turn, 'id'>>;

export interface StoredCallEntry {
  call: CallMeta;
  chunkCount: number;
  /** How many turns of the turn columns are this call's (calls in order). */
  turns: number;
}

export interface StoreDirectory {
  calls: StoredCallEntry[];
  strings: string[];
  /** Size of text.bin. */
  textBytes: number;
  counts: { turns: number; paragraphs: number; headers: number; chunks: number; speakerRefs: number };
  /** Byte offset in store.bin of each column; its length follows from `counts`. */
  columns: Record<ColumnName, number>;
  chunkOverrides: Record<number, ChunkOverride>;
  turnOverrides: Record<number, TurnOverride>;
}

/** How many entries a column has, from the counts of what it describes. */
export function columnLength(name: ColumnName, counts: StoreDirectory['counts']): number {
  if (name === 'chunkSpeakers') return counts.speakerRefs;
  if (name === 'chunkSpeakersStart') return counts.chunks + 1;
  if (name.startsWith('turn')) return counts.turns;
  if (name.startsWith('para')) return counts.paragraphs;
  if (name.startsWith('header')) return counts.headers;
  return counts.chunks;
}

export const derivedChunkId = (callId: string, startLine: number, endLine: number) => `${callId}#${startLine}-${endLine}`;
export const derivedTurnId = (callId: string, index: number) => `${callId}:t${index}`;
