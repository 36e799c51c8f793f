// Writes the compact store (store-format.ts) call by call: text goes to text.bin as it comes, in
// pieces of about a megabyte; the columns (a few bytes per turn, paragraph and chunk) are held
// until finish(). A chunk must come after its call.
import { join } from 'node:path';
import { ROLES, SECTIONS, type Chunk } from '../../types.ts';
import { IndexStoreError } from '../errors.ts';
import { FILES, writeFileDurable } from '../generations/layout.ts';
import { AppendFile } from '../generations/append-file.ts';
import { ColumnBuilder } from './column-builder.ts';
import {
  COLUMNS,
  columnLength,
  derivedChunkId,
  derivedTurnId,
  NO_INT,
  NONE,
  type ChunkOverride,
  type ColumnName,
  type StoreDirectory,
  type StoredCallEntry,
  type TurnOverride,
} from './store-format.ts';
import type { CallDocument } from '../types.ts';
import type { CallBlock } from './call-block.ts';
import type { Store } from './store.ts';

const PIECE_BYTES = 1 << 20;
const MAX_TEXT_BYTES = 2 ** 32 - 1;

/** What a chunk of the call needs: where the call's paragraphs are, and their text. */
interface CallState {
  index: number;
  id: string;
  file: string;
  /** Global index of the call's first paragraph. */
  paraBase: number;
  texts: string[];
  paraOfLine: Map<number, number>;
}

const codeOf = <T extends string>(values: readonly T[], value: T, what: string): number => {
  const i = values.indexOf(value);
  if (i < 0) throw new IndexStoreError('invalid_data', `unknown ${what} "${value}"`);
  return i;
};

export class StoreWriter {
  private readonly cols = Object.fromEntries(Object.entries(COLUMNS).map(([k, type]) => [k, new ColumnBuilder(type)])) as Record<ColumnName, ColumnBuilder>;
  private readonly strings = new Map<string, number>();
  private readonly calls: StoredCallEntry[] = [];
  private readonly callIndex = new Map<string, number>();
  private readonly chunkOverrides: Record<number, ChunkOverride> = {};
  private readonly turnOverrides: Record<number, TurnOverride> = {};
  /** Documents by call id when chunks may come after later calls (writeIndex), else only the last. */
  private readonly docs = new Map<string, CallDocument>();
  private state: CallState | undefined;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private textBytes = 0;
  private chunks = 0;
  /** The call's headers written so far (a header names its call, so no two calls share one). */
  private readonly headers = new Map<string, number>();
  /** The string ids of the store calls are copied from (copyCall), by its own ids; -1 not yet met. */
  private copiedStrings: { from: Store; ids: Int32Array } | undefined;

  private constructor(
    private readonly dir: string,
    private readonly text: AppendFile,
    private readonly keepDocs: boolean,
    /** The store whose text.bin this one's starts as a copy of. */
    private readonly copyOf: Store | undefined,
  ) {
    this.cols.chunkSpeakersStart.push(0);
  }

  /**
   * `keepDocs`: chunks may refer to any call added before (else only to the last one).
   * `copyOf`: a previous store (and its folder) whose calls are copied (copyCall): text.bin starts
   * as a copy of its own, and the calls at its front stay where they are (append-file.ts).
   */
  static async begin(dir: string, opts: { keepDocs?: boolean; copyOf?: { store: Store; dir: string } } = {}): Promise<StoreWriter> {
    const text = await AppendFile.create(join(dir, FILES.text), opts.copyOf && join(opts.copyOf.dir, FILES.text));
    return new StoreWriter(dir, text, opts.keepDocs ?? false, opts.copyOf?.store);
  }

  async addCall(doc: CallDocument): Promise<void> {
    const c = this.cols;
    const id = doc.call.id;
    if (this.callIndex.has(id)) throw new IndexStoreError('invalid_data', `call ${id} is given twice`);
    this.callIndex.set(id, this.calls.length);
    this.calls.push({ call: doc.call, chunkCount: doc.chunkCount, turns: doc.turns.length });
    if (!this.keepDocs) this.docs.clear();
    this.docs.set(id, doc);
    this.state = undefined;
    for (const turn of doc.turns) {
      const g = c.turnSpeaker.length;
      if (turn.id !== derivedTurnId(id, turn.index)) this.turnOverrides[g] = { id: turn.id };
      c.turnSpeaker.push(this.string(turn.speaker));
      c.turnTitle.push(this.string(turn.title));
      c.turnHeaderLine.push(turn.headerLine ?? NO_INT);
      c.turnIndex.push(turn.index);
      c.turnRole.push(codeOf(ROLES, turn.role, 'role'));
      c.turnSection.push(codeOf(SECTIONS, turn.section, 'section'));
      c.turnFirm.push(this.string(turn.firm));
      c.turnAnswers.push(this.string(turn.answersTurnId));
      c.turnStartLine.push(turn.startLine);
      c.turnEndLine.push(turn.endLine);
      c.turnParaStart.push(c.paraLine.length);
      c.turnParaCount.push(turn.paragraphs.length);
      for (const p of turn.paragraphs) {
        c.paraLine.push(p.line);
        const [start, end] = this.appendText(p.text);
        c.paraStart.push(start);
        c.paraEnd.push(end);
        c.paraStartTime.push(p.startTime ?? NaN);
        c.paraEndTime.push(p.endTime ?? NaN);
      }
    }
    await this.flushIfFull();
  }

  async addChunk(chunk: Chunk): Promise<void> {
    const c = this.cols;
    const call = this.callState(chunk.callId);
    const o = this.chunks++;
    const override: ChunkOverride = {};
    const { lines } = chunk;
    const p0 = lines.length > 0 ? call.paraOfLine.get(lines[0]) : undefined;
    const run = p0 !== undefined && lines.every((n, i) => c.paraLine.at(p0 + i) === n && p0 + i - call.paraBase < call.texts.length);
    if (!run) override.lines = lines;
    if (chunk.startLine !== lines[0]) override.startLine = chunk.startLine;
    if (chunk.endLine !== lines[lines.length - 1]) override.endLine = chunk.endLine;
    if (chunk.id !== derivedChunkId(call.id, chunk.startLine, chunk.endLine)) override.id = chunk.id;
    if (chunk.file !== call.file) override.file = chunk.file;
    if (chunk.turnId !== derivedTurnId(call.id, chunk.turnIndex)) override.turnId = chunk.turnId;
    const text = run ? lines.map((_, i) => call.texts[p0 + i - call.paraBase]).join('\n\n') : undefined;
    if (chunk.text !== text) override.text = chunk.text;
    let header = NONE;
    if (chunk.embedText.endsWith(chunk.text)) {
      const head = chunk.embedText.slice(0, chunk.embedText.length - chunk.text.length);
      // The parts of a turn share its header, and so do the operator's turns.
      const known = this.headers.get(head);
      if (known === undefined) {
        const [start, end] = this.appendText(head);
        header = c.headerStart.length;
        c.headerStart.push(start);
        c.headerEnd.push(end);
        this.headers.set(head, header);
      } else header = known;
    } else override.embedText = chunk.embedText;
    if (chunk.turns !== undefined) override.turns = chunk.turns;
    if (chunk.times !== undefined) override.times = chunk.times;
    if (Object.keys(override).length > 0) this.chunkOverrides[o] = override;

    c.chunkCall.push(call.index);
    c.chunkTurnIndex.push(chunk.turnIndex);
    c.chunkPart.push(chunk.part);
    c.chunkParaStart.push(run ? p0 : NONE);
    c.chunkParaCount.push(run ? lines.length : 0);
    c.chunkSpeaker.push(this.string(chunk.speaker));
    c.chunkTitle.push(this.string(chunk.title));
    c.chunkRole.push(codeOf(ROLES, chunk.role, 'role'));
    c.chunkSection.push(codeOf(SECTIONS, chunk.section, 'section'));
    c.chunkFirm.push(this.string(chunk.firm));
    c.chunkAnswers.push(this.string(chunk.answersTurnId));
    for (const s of chunk.speakers) c.chunkSpeakers.push(this.string(s));
    c.chunkSpeakersStart.push(c.chunkSpeakers.length);
    c.chunkHeader.push(header);
    c.chunkStartTime.push(chunk.startTime ?? NaN);
    c.chunkEndTime.push(chunk.endTime ?? NaN);
    await this.flushIfFull();
  }

  /** Whether this store's text.bin started as a copy of `from`'s. */
  copiesFrom(from: Store): boolean {
    return from === this.copyOf;
  }

  /**
   * A call of a previous store and its chunks (callBlock), written as addCall and addChunk would
   * write them, without decoding them: the text bytes copied as one block, the rows shifted to
   * their new places, strings and overrides carried over in the same order.
   */
  async copyCall(from: Store, b: CallBlock): Promise<void> {
    const c = this.cols;
    const f = from.cols;
    const entry = from.calls[b.call];
    const index = this.calls.length;
    if (this.callIndex.has(entry.call.id)) throw new IndexStoreError('invalid_data', `call ${entry.call.id} is given twice`);
    this.callIndex.set(entry.call.id, index);
    this.calls.push(entry);
    // Its chunks come with it: none may be added to it afterwards.
    this.state = undefined;
    let textShift = 0;
    if (this.copiesFrom(from) && this.pendingBytes === 0 && this.text.keeps(b.text[0], b.text[1])) this.textBytes = b.text[1];
    else textShift = this.appendBytes(Buffer.from(from.text.bytes(b.text[0], b.text[1]))) - b.text[0];
    const [g0, g1] = b.turns;
    const [p0, p1] = b.paragraphs;
    const [o0, o1] = b.chunks;
    const [h0, h1] = b.headers;
    const paraShift = c.paraLine.length - p0;
    const headerShift = c.headerStart.length - h0;
    // Strings row by row, in the order addCall and addChunk meet them (the same string table).
    const str = this.stringsOf(from);
    for (let g = g0; g < g1; g++) {
      const override = from.turnOverrides[g];
      if (override) this.turnOverrides[c.turnSpeaker.length] = override;
      c.turnSpeaker.push(str(f.turnSpeaker[g]));
      c.turnTitle.push(str(f.turnTitle[g]));
      c.turnFirm.push(str(f.turnFirm[g]));
      c.turnAnswers.push(str(f.turnAnswers[g]));
    }
    const speakers = c.chunkSpeakers.length;
    for (let o = o0; o < o1; o++) {
      const override = from.chunkOverrides[o];
      if (override) this.chunkOverrides[this.chunks + o - o0] = override;
      c.chunkSpeaker.push(str(f.chunkSpeaker[o]));
      c.chunkTitle.push(str(f.chunkTitle[o]));
      c.chunkFirm.push(str(f.chunkFirm[o]));
      c.chunkAnswers.push(str(f.chunkAnswers[o]));
      for (let s = f.chunkSpeakersStart[o]; s < f.chunkSpeakersStart[o + 1]; s++) c.chunkSpeakers.push(str(f.chunkSpeakers[s]));
      c.chunkCall.push(index);
    }
    // Everything else in blocks, moved to where the call's rows and text now start.
    for (const name of ['turnHeaderLine', 'turnIndex', 'turnRole', 'turnSection', 'turnStartLine', 'turnEndLine', 'turnParaCount'] as const) c[name].append(f[name], g0, g1);
    c.turnParaStart.append(f.turnParaStart, g0, g1, paraShift);
    for (const name of ['paraLine', 'paraStartTime', 'paraEndTime'] as const) c[name].append(f[name], p0, p1);
    c.paraStart.append(f.paraStart, p0, p1, textShift);
    c.paraEnd.append(f.paraEnd, p0, p1, textShift);
    c.headerStart.append(f.headerStart, h0, h1, textShift);
    c.headerEnd.append(f.headerEnd, h0, h1, textShift);
    for (const name of ['chunkTurnIndex', 'chunkPart', 'chunkParaCount', 'chunkRole', 'chunkSection', 'chunkStartTime', 'chunkEndTime'] as const) c[name].append(f[name], o0, o1);
    c.chunkParaStart.append(f.chunkParaStart, o0, o1, paraShift, NONE);
    c.chunkHeader.append(f.chunkHeader, o0, o1, headerShift, NONE);
    c.chunkSpeakersStart.append(f.chunkSpeakersStart, o0 + 1, o1 + 1, speakers - f.chunkSpeakersStart[o0]);
    this.chunks += o1 - o0;
    await this.flushIfFull();
  }

  get chunkCount(): number {
    return this.chunks;
  }

  /** Writes the columns and the directory, fsyncs and closes text.bin. */
  async finish(): Promise<void> {
    try {
      await this.flush();
    } catch (error) {
      await this.text.close();
      throw error;
    }
    await this.text.finish();
    const c = this.cols;
    const counts = { turns: c.turnSpeaker.length, paragraphs: c.paraLine.length, headers: c.headerStart.length, chunks: this.chunks, speakerRefs: c.chunkSpeakers.length };
    const columns = {} as Record<ColumnName, number>;
    const parts: Uint8Array[] = [];
    let offset = 0;
    for (const name of Object.keys(COLUMNS) as ColumnName[]) {
      if (c[name].length !== columnLength(name, counts)) throw new Error(`column ${name} has ${c[name].length} entries`);
      const array = c[name].values();
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      columns[name] = offset;
      parts.push(bytes);
      offset += bytes.length;
      // Every column starts 8-byte aligned, so a reader can view it in place.
      const pad = (8 - (offset % 8)) % 8;
      if (pad) parts.push(new Uint8Array(pad));
      offset += pad;
    }
    await writeFileDurable(join(this.dir, FILES.store), Buffer.concat(parts));
    const directory: StoreDirectory = {
      calls: this.calls,
      strings: [...this.strings.keys()],
      textBytes: this.textBytes,
      counts,
      columns,
      chunkOverrides: this.chunkOverrides,
      turnOverrides: this.turnOverrides,
    };
    await writeFileDurable(join(this.dir, FILES.storeDirectory), JSON.stringify(directory));
  }

  /** Closes text.bin without completing the store: the folder is about to be removed. */
  async abort(): Promise<void> {
    await this.text.close();
  }

  private string(s: string | undefined): number {
    if (s === undefined) return NONE;
    let id = this.strings.get(s);
    if (id === undefined) this.strings.set(s, (id = this.strings.size));
    return id;
  }

  /** A string-table id of `from` → this table's, each string added when first met (as `string` would). */
  private stringsOf(from: Store): (id: number) => number {
    if (this.copiedStrings?.from !== from) this.copiedStrings = { from, ids: new Int32Array(from.strings.length).fill(-1) };
    const { ids } = this.copiedStrings;
    return (id) => (id === NONE ? NONE : ids[id] >= 0 ? ids[id] : (ids[id] = this.string(from.strings[id])));
  }

  private appendText(s: string): [number, number] {
    const start = this.appendBytes(Buffer.from(s, 'utf8'));
    return [start, this.textBytes];
  }

  /** Appends `bytes` (kept until written: not to be reused by the caller) to text.bin; returns where they start. */
  private appendBytes(bytes: Buffer): number {
    const start = this.textBytes;
    if (start + bytes.length > MAX_TEXT_BYTES) throw new IndexStoreError('invalid_data', 'the library holds more than 4 GB of text');
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.textBytes += bytes.length;
    return start;
  }

  private async flushIfFull(): Promise<void> {
    if (this.pendingBytes >= PIECE_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const body = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    await this.text.append(body);
  }

  private callState(callId: string): CallState {
    if (this.state?.id === callId) return this.state;
    const doc = this.docs.get(callId);
    const index = this.callIndex.get(callId);
    if (!doc || index === undefined) throw new IndexStoreError('invalid_data', `chunk of call ${callId}, which was not written before it`);
    // The call's paragraphs were appended in turn order starting at its first turn's.
    let g = 0;
    for (let i = 0; i < index; i++) g += this.calls[i].turns;
    const paraBase = doc.turns.length > 0 ? this.cols.turnParaStart.at(g) : this.cols.paraLine.length;
    const texts: string[] = [];
    const paraOfLine = new Map<number, number>();
    for (const turn of doc.turns) {
      for (const p of turn.paragraphs) {
        if (!paraOfLine.has(p.line)) paraOfLine.set(p.line, paraBase + texts.length);
        texts.push(p.text);
      }
    }
    this.headers.clear();
    return (this.state = { index, id: callId, file: doc.call.file, paraBase, texts, paraOfLine });
  }
}
