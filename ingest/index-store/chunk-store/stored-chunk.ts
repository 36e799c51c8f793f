// A chunk of the compact store. Chunks are instances of one class with the same two private
// fields, so one hidden class: a filter over chunks of mixed shapes ran 30–50× slower (measured).
// Its fields are getters on the prototype: a spread or Object.keys sees none of them (copy a chunk
// field by field, through chunk-fields.ts).
import { ROLES, SECTIONS, type Chunk, type Role, type Section, type UnitTurn } from '../../types.ts';
import type { Store } from './store.ts';
import { derivedChunkId, derivedTurnId, type ChunkOverride } from './store-format.ts';

const optionalTime = (t: number) => (Number.isNaN(t) ? undefined : t);

/**
 * A stored chunk: two fields, every Chunk field a getter over the columns. Objects with their
 * metadata as fields (ids, speaker arrays…) cost ~0.4 s of allocation and GC at start for 122k
 * chunks; a getter costs an array read, or a small string or array built when read.
 */
export class StoredChunk implements Chunk {
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
