// The opened compact store (store-format.ts): its columns, its string table, its overrides and its
// text, which is read from text.bin when asked for; only the chunk texts read last are kept.
import type { Paragraph } from '../../types.ts';
import { NONE, type ChunkOverride, type Columns, type StoreDirectory, type StoredCallEntry, type TurnOverride } from './store-format.ts';
import { RecentValues } from '../../hot-path/recent-values.ts';
import type { TextFile } from './text-file.ts';

/** ~2 MB of recent chunk texts (a few thousand chunks). */
const RECENT_TEXT_CHARS = 2_000_000;

export class Store {
  readonly callIds: string[];
  readonly strings: string[];
  readonly chunkOverrides: Record<number, ChunkOverride>;
  readonly turnOverrides: Record<number, TurnOverride>;
  readonly calls: StoredCallEntry[];
  private readonly recent: RecentValues<number, string>;

  constructor(
    readonly cols: Columns,
    readonly text: TextFile,
    directory: StoreDirectory,
    recentTextChars = RECENT_TEXT_CHARS,
  ) {
    this.recent = new RecentValues(recentTextChars, (text) => text.length);
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

  /**
   * A chunk's text. The most recent are kept, up to recentTextChars characters: a search reads
   * the texts of the passages it returns (six reads a search on the bench's questions, ~4 µs each
   * with the read's system call), and the same chunks come back across questions.
   */
  chunkText(o: number): string {
    let text = this.recent.get(o);
    if (text === undefined) this.recent.set(o, (text = this.readChunkText(o)));
    return text;
  }

  private readChunkText(o: number): string {
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
