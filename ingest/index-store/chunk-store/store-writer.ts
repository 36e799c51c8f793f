// Writes the compact store (store-format.ts) call by call: text goes to text.bin as it comes, in
// pieces of about a megabyte; the columns (a few bytes per turn, paragraph and chunk) are held
// until finish(). A chunk must come after its call.
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { ROLES, SECTIONS, type Chunk } from '../../types.ts';
import { IndexStoreError } from '../errors.ts';
import { FILES, writeFileDurable } from '../generations/layout.ts';
import {
  ARRAY_TYPES,
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
  private readonly cols = Object.fromEntries(Object.keys(COLUMNS).map((k) => [k, [] as number[]])) as Record<ColumnName, number[]>;
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
    private readonly text: FileHandle,
    private readonly keepDocs: boolean,
  ) {
    this.cols.chunkSpeakersStart.push(0);
  }

  /** `keepDocs`: chunks may refer to any call added before (else only to the last one). */
  static async begin(dir: string, opts: { keepDocs?: boolean } = {}): Promise<StoreWriter> {
    return new StoreWriter(dir, await open(join(dir, FILES.text), 'w'), opts.keepDocs ?? false);
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
    const run = p0 !== undefined && lines.every((n, i) => c.paraLine[p0 + i] === n && p0 + i - call.paraBase < call.texts.length);
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
    const textShift = this.appendBytes(Buffer.from(from.text.bytes(b.text[0], b.text[1]))) - b.text[0];
    const paraShift = c.paraLine.length - b.paragraphs[0];
    const headerShift = c.headerStart.length - b.headers[0];
    const str = this.stringsOf(from);
    for (let g = b.turns[0]; g < b.turns[1]; g++) {
      const override = from.turnOverrides[g];
      if (override) this.turnOverrides[c.turnSpeaker.length] = override;
      c.turnSpeaker.push(str(f.turnSpeaker[g]));
      c.turnTitle.push(str(f.turnTitle[g]));
      c.turnHeaderLine.push(f.turnHeaderLine[g]);
      c.turnIndex.push(f.turnIndex[g]);
      c.turnRole.push(f.turnRole[g]);
      c.turnSection.push(f.turnSection[g]);
      c.turnFirm.push(str(f.turnFirm[g]));
      c.turnAnswers.push(str(f.turnAnswers[g]));
      c.turnStartLine.push(f.turnStartLine[g]);
      c.turnEndLine.push(f.turnEndLine[g]);
      c.turnParaStart.push(f.turnParaStart[g] + paraShift);
      c.turnParaCount.push(f.turnParaCount[g]);
    }
    for (let p = b.paragraphs[0]; p < b.paragraphs[1]; p++) {
      c.paraLine.push(f.paraLine[p]);
      c.paraStart.push(f.paraStart[p] + textShift);
      c.paraEnd.push(f.paraEnd[p] + textShift);
      c.paraStartTime.push(f.paraStartTime[p]);
      c.paraEndTime.push(f.paraEndTime[p]);
    }
    for (let h = b.headers[0]; h < b.headers[1]; h++) {
      c.headerStart.push(f.headerStart[h] + textShift);
      c.headerEnd.push(f.headerEnd[h] + textShift);
    }
    for (let o = b.chunks[0]; o < b.chunks[1]; o++) {
      const override = from.chunkOverrides[o];
      if (override) this.chunkOverrides[this.chunks] = override;
      this.chunks++;
      c.chunkCall.push(index);
      c.chunkTurnIndex.push(f.chunkTurnIndex[o]);
      c.chunkPart.push(f.chunkPart[o]);
      c.chunkParaStart.push(f.chunkParaStart[o] === NONE ? NONE : f.chunkParaStart[o] + paraShift);
      c.chunkParaCount.push(f.chunkParaCount[o]);
      c.chunkSpeaker.push(str(f.chunkSpeaker[o]));
      c.chunkTitle.push(str(f.chunkTitle[o]));
      c.chunkRole.push(f.chunkRole[o]);
      c.chunkSection.push(f.chunkSection[o]);
      c.chunkFirm.push(str(f.chunkFirm[o]));
      c.chunkAnswers.push(str(f.chunkAnswers[o]));
      for (let s = f.chunkSpeakersStart[o]; s < f.chunkSpeakersStart[o + 1]; s++) c.chunkSpeakers.push(str(f.chunkSpeakers[s]));
      c.chunkSpeakersStart.push(c.chunkSpeakers.length);
      c.chunkHeader.push(f.chunkHeader[o] === NONE ? NONE : f.chunkHeader[o] + headerShift);
      c.chunkStartTime.push(f.chunkStartTime[o]);
      c.chunkEndTime.push(f.chunkEndTime[o]);
    }
    await this.flushIfFull();
  }

  get chunkCount(): number {
    return this.chunks;
  }

  /** Writes the columns and the directory, fsyncs and closes text.bin. */
  async finish(): Promise<void> {
    try {
      await this.flush();
      await this.text.sync();
    } finally {
      await this.text.close();
    }
    const c = this.cols;
    const counts = { turns: c.turnSpeaker.length, paragraphs: c.paraLine.length, headers: c.headerStart.length, chunks: this.chunks, speakerRefs: c.chunkSpeakers.length };
    const columns = {} as Record<ColumnName, number>;
    const parts: Uint8Array[] = [];
    let offset = 0;
    for (const name of Object.keys(COLUMNS) as ColumnName[]) {
      if (c[name].length !== columnLength(name, counts)) throw new Error(`column ${name} has ${c[name].length} entries`);
      const array = ARRAY_TYPES[COLUMNS[name]].from(c[name]);
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
    for (let off = 0; off < body.length; ) off += (await this.text.write(body, off)).bytesWritten;
  }

  private callState(callId: string): CallState {
    if (this.state?.id === callId) return this.state;
    const doc = this.docs.get(callId);
    const index = this.callIndex.get(callId);
    if (!doc || index === undefined) throw new IndexStoreError('invalid_data', `chunk of call ${callId}, which was not written before it`);
    // The call's paragraphs were appended in turn order starting at its first turn's.
    let g = 0;
    for (let i = 0; i < index; i++) g += this.calls[i].turns;
    const paraBase = doc.turns.length > 0 ? this.cols.turnParaStart[g] : this.cols.paraLine.length;
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
