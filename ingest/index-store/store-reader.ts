// Opens the compact store (store-format.ts): the columns are viewed in place and text is decoded
// from text.bin when a chunk's `text`/`embedText`, a turn's `paragraphs` or a call's `lines` are
// read (each read decodes anew: nothing grows with use). Chunks and turns are instances of one
// class each with the same private fields, so one hidden class: a filter over chunks of mixed
// shapes ran 30–50× slower (measured). Their fields are getters on the prototype: a spread or
// Object.keys sees none of them (copy a chunk field by field, as mergeChunks does).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { callLines } from '../call-document.ts';
import { ROLES, SECTIONS, type CallMeta, type Chunk, type Paragraph, type Role, type Section, type Turn, type UnitTurn } from '../types.ts';
import { IndexStoreError } from './errors.ts';
import { FILES } from './layout.ts';
import { TextFile } from './text-file.ts';
import { ARRAY_TYPES, COLUMNS, columnLength, derivedChunkId, derivedTurnId, NO_INT, NONE, type ChunkOverride, type ColumnName, type Columns, type StoreDirectory, type StoredCallEntry, type TurnOverride } from './store-format.ts';
import type { CallDocument, TranscriptLine } from './types.ts';

class Store {
  readonly callIds: string[];
  readonly strings: string[];
  readonly chunkOverrides: Record<number, ChunkOverride>;
  readonly turnOverrides: Record<number, TurnOverride>;
  readonly calls: StoredCallEntry[];

  constructor(
    readonly cols: Columns,
    readonly text: TextFile,
    directory: StoreDirectory,
  ) {
    this.calls = directory.calls;
    this.callIds = directory.calls.map((c) => c.call.id);
    this.strings = directory.strings;
    this.chunkOverrides = directory.chunkOverrides;
    this.turnOverrides = directory.turnOverrides;
  }

  string(id: number): string | undefined {
    return id === NONE ? undefined : this.strings[id];
  }

  paragraphText(p: number): string {
    return this.text.text(this.cols.paraStart[p], this.cols.paraEnd[p]);
  }

  paragraph(p: number): Paragraph {
    const c = this.cols;
    const out: Paragraph = { line: c.paraLine[p], text: this.paragraphText(p) };
    if (!Number.isNaN(c.paraStartTime[p])) out.startTime = c.paraStartTime[p];
    if (!Number.isNaN(c.paraEndTime[p])) out.endTime = c.paraEndTime[p];
    return out;
  }

  chunkText(o: number): string {
    const override = this.chunkOverrides[o]?.text;
    if (override !== undefined) return override;
    const { paraStart, paraEnd } = this.cols;
    const first = this.cols.chunkParaStart[o];
    const last = first + this.cols.chunkParaCount[o] - 1;
    let contiguous = true;
    for (let p = first; p < last && contiguous; p++) contiguous = paraEnd[p] === paraStart[p + 1];
    if (!contiguous) {
      let text = this.paragraphText(first);
      for (let p = first + 1; p <= last; p++) text += `\n\n${this.paragraphText(p)}`;
      return text;
    }
    // A call's paragraphs lie back to back in text.bin: one read for the chunk's run.
    const base = paraStart[first];
    const bytes = this.text.bytes(base, paraEnd[last]);
    let text = bytes.toString('utf8', 0, paraEnd[first] - base);
    for (let p = first + 1; p <= last; p++) text += `\n\n${bytes.toString('utf8', paraStart[p] - base, paraEnd[p] - base)}`;
    return text;
  }

  embedText(o: number): string {
    const override = this.chunkOverrides[o]?.embedText;
    if (override !== undefined) return override;
    const h = this.cols.chunkHeader[o];
    return this.text.text(this.cols.headerStart[h], this.cols.headerEnd[h]) + this.chunkText(o);
  }
}

const optionalTime = (t: number) => (Number.isNaN(t) ? undefined : t);

/**
 * A stored chunk: two fields, every Chunk field a getter over the columns. Objects with their
 * metadata as fields (ids, speaker arrays…) cost ~0.4 s of allocation and GC at start for 122k
 * chunks; a getter costs an array read, or a small string or array built when read.
 */
class StoredChunk implements Chunk {
  readonly #store: Store;
  readonly #o: number;

  constructor(store: Store, o: number) {
    this.#store = store;
    this.#o = o;
  }

  get #override(): ChunkOverride | undefined {
    return this.#store.chunkOverrides[this.#o];
  }

  get id(): string {
    return this.#override?.id ?? derivedChunkId(this.callId, this.startLine, this.endLine);
  }

  get callId(): string {
    return this.#store.callIds[this.#store.cols.chunkCall[this.#o]];
  }

  get file(): string {
    return this.#override?.file ?? this.#store.calls[this.#store.cols.chunkCall[this.#o]].call.file;
  }

  get turnId(): string {
    return this.#override?.turnId ?? derivedTurnId(this.callId, this.turnIndex);
  }

  get turnIndex(): number {
    return this.#store.cols.chunkTurnIndex[this.#o];
  }

  get part(): number {
    return this.#store.cols.chunkPart[this.#o];
  }

  get startLine(): number {
    const override = this.#override;
    if (override) return override.startLine ?? (override.lines ? override.lines[0] : this.#store.cols.paraLine[this.#store.cols.chunkParaStart[this.#o]]);
    return this.#store.cols.paraLine[this.#store.cols.chunkParaStart[this.#o]];
  }

  get endLine(): number {
    const override = this.#override;
    const c = this.#store.cols;
    const last = c.chunkParaStart[this.#o] + c.chunkParaCount[this.#o] - 1;
    if (override) return override.endLine ?? (override.lines ? override.lines[override.lines.length - 1] : c.paraLine[last]);
    return c.paraLine[last];
  }

  get lines(): number[] {
    const override = this.#override?.lines;
    if (override) return override.slice();
    const c = this.#store.cols;
    const p0 = c.chunkParaStart[this.#o];
    return Array.from(c.paraLine.subarray(p0, p0 + c.chunkParaCount[this.#o]));
  }

  get speaker(): string {
    return this.#store.strings[this.#store.cols.chunkSpeaker[this.#o]];
  }

  get title(): string | undefined {
    return this.#store.string(this.#store.cols.chunkTitle[this.#o]);
  }

  get role(): Role {
    return ROLES[this.#store.cols.chunkRole[this.#o]];
  }

  get section(): Section {
    return SECTIONS[this.#store.cols.chunkSection[this.#o]];
  }

  get firm(): string | undefined {
    return this.#store.string(this.#store.cols.chunkFirm[this.#o]);
  }

  get answersTurnId(): string | undefined {
    return this.#store.string(this.#store.cols.chunkAnswers[this.#o]);
  }

  get speakers(): string[] {
    const { cols, strings } = this.#store;
    const out: string[] = [];
    for (let s = cols.chunkSpeakersStart[this.#o]; s < cols.chunkSpeakersStart[this.#o + 1]; s++) out.push(strings[cols.chunkSpeakers[s]]);
    return out;
  }

  get turns(): UnitTurn[] | undefined {
    return this.#override?.turns;
  }

  get startTime(): number | undefined {
    return optionalTime(this.#store.cols.chunkStartTime[this.#o]);
  }

  get endTime(): number | undefined {
    return optionalTime(this.#store.cols.chunkEndTime[this.#o]);
  }

  get times(): Chunk['times'] {
    return this.#override?.times;
  }

  get text(): string {
    return this.#store.chunkText(this.#o);
  }

  get embedText(): string {
    return this.#store.embedText(this.#o);
  }
}

/** A stored turn: every Turn field a getter over the columns, its paragraphs decoded when read. */
class StoredTurn implements Turn {
  readonly #store: Store;
  readonly #t: number;
  readonly #callId: string;

  constructor(store: Store, t: number, callId: string) {
    this.#store = store;
    this.#t = t;
    this.#callId = callId;
  }

  get id(): string {
    return this.#store.turnOverrides[this.#t]?.id ?? derivedTurnId(this.#callId, this.index);
  }

  get index(): number {
    return this.#store.cols.turnIndex[this.#t];
  }

  get speaker(): string {
    return this.#store.strings[this.#store.cols.turnSpeaker[this.#t]];
  }

  get title(): string | undefined {
    return this.#store.string(this.#store.cols.turnTitle[this.#t]);
  }

  get headerLine(): number | undefined {
    const n = this.#store.cols.turnHeaderLine[this.#t];
    return n === NO_INT ? undefined : n;
  }

  get role(): Role {
    return ROLES[this.#store.cols.turnRole[this.#t]];
  }

  get section(): Section {
    return SECTIONS[this.#store.cols.turnSection[this.#t]];
  }

  get firm(): string | undefined {
    return this.#store.string(this.#store.cols.turnFirm[this.#t]);
  }

  get answersTurnId(): string | undefined {
    return this.#store.string(this.#store.cols.turnAnswers[this.#t]);
  }

  get startLine(): number {
    return this.#store.cols.turnStartLine[this.#t];
  }

  get endLine(): number {
    return this.#store.cols.turnEndLine[this.#t];
  }

  get paragraphs(): Paragraph[] {
    const c = this.#store.cols;
    const start = c.turnParaStart[this.#t];
    const out: Paragraph[] = [];
    for (let p = start; p < start + c.turnParaCount[this.#t]; p++) out.push(this.#store.paragraph(p));
    return out;
  }
}

class StoredCallDocument implements CallDocument {
  constructor(
    readonly call: CallMeta,
    readonly turns: Turn[],
    readonly chunkCount: number,
  ) {}

  /** Built from the turns on each read (the call page asks for it, one call at a time). */
  get lines(): TranscriptLine[] {
    return callLines(this.turns);
  }
}

function viewColumns(bin: Buffer, dir: StoreDirectory): Columns {
  // A Buffer from readFile of a large file owns its memory from offset 0; copy otherwise, so the views are aligned.
  const bytes = bin.byteOffset % 8 === 0 ? bin : Buffer.from(bin);
  const cols = {} as Record<ColumnName, unknown>;
  for (const name of Object.keys(COLUMNS) as ColumnName[]) {
    const Type = ARRAY_TYPES[COLUMNS[name]];
    const length = columnLength(name, dir.counts);
    const offset = dir.columns[name];
    if (offset === undefined || offset + length * Type.BYTES_PER_ELEMENT > bytes.length) throw new IndexStoreError('corrupt', `store column ${name} is missing or cut short`);
    cols[name] = new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, length);
  }
  return cols as Columns;
}

export interface StoredLibrary {
  calls: CallDocument[];
  chunks: Chunk[];
}

/** Reads a generation's calls and chunks from its compact store. */
export async function readStore(dir: string): Promise<StoredLibrary> {
  const [json, bin] = await Promise.all([readFile(join(dir, FILES.storeDirectory), 'utf8'), readFile(join(dir, FILES.store))]);
  const directory = JSON.parse(json) as StoreDirectory;
  const store = new Store(viewColumns(bin, directory), new TextFile(join(dir, FILES.text), directory.textBytes), directory);
  const calls: CallDocument[] = [];
  let t = 0;
  for (const entry of directory.calls) {
    const turns: Turn[] = [];
    for (let i = 0; i < entry.turns; i++, t++) turns.push(new StoredTurn(store, t, entry.call.id));
    calls.push(new StoredCallDocument(entry.call, turns, entry.chunkCount));
  }
  const chunks: Chunk[] = [];
  for (let o = 0; o < directory.counts.chunks; o++) chunks.push(new StoredChunk(store, o));
  return { calls, chunks };
}
