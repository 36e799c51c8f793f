// A turn and a call document of the compact store: as for chunks (stored-chunk.ts), one class
// each, fields as getters, text read when asked for.
import { callLines } from '../../call-document.ts';
import { ROLES, SECTIONS, type CallMeta, type Paragraph, type Role, type Section, type Turn } from '../../types.ts';
import type { Store } from './store.ts';
import { derivedTurnId, NO_INT } from './store-format.ts';
import type { CallDocument, TranscriptLine } from '../types.ts';

export class StoredTurn implements Turn {
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

export class StoredCallDocument implements CallDocument {
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
