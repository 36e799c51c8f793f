// Opens the compact store (store-format.ts): the columns are viewed in place, one small object is
// made per chunk and turn (stored-chunk.ts, stored-turn.ts), and text is read when asked for.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Chunk, Turn } from '../../types.ts';
import { IndexStoreError } from '../errors.ts';
import { FILES } from '../generations/layout.ts';
import { Store } from './store.ts';
import { ARRAY_TYPES, COLUMNS, columnLength, type ColumnName, type Columns, type StoreDirectory } from './store-format.ts';
import { StoredChunk } from './stored-chunk.ts';
import { StoredCallDocument, StoredTurn } from './stored-turn.ts';
import { TextFile } from './text-file.ts';
import type { CallDocument } from '../types.ts';

function viewColumns(bin: Uint8Array, dir: StoreDirectory): Columns {
  // A Buffer from readFile of a large file owns its memory from offset 0; copy otherwise, so the views are aligned.
  const bytes = bin.byteOffset % 8 === 0 ? bin : bin.slice();
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
  /** What they read from. */
  store: Store;
}

/**
 * Opens a generation's compact store (`bin`: store.bin already read, e.g. shared with another
 * thread; `recentTextChars`: how much recently read chunk text is kept, see Store).
 */
export async function openStore(dir: string, bin?: Uint8Array, recentTextChars?: number): Promise<Store> {
  const [json, bytes] = await Promise.all([readFile(join(dir, FILES.storeDirectory), 'utf8'), bin ?? readFile(join(dir, FILES.store))]);
  const directory = JSON.parse(json) as StoreDirectory;
  return new Store(viewColumns(bytes, directory), new TextFile(join(dir, FILES.text), directory.textBytes), directory, recentTextChars);
}

/** Call `index` of the store, whose turns are `firstTurn` onwards. */
export function storedCall(store: Store, index: number, firstTurn: number): CallDocument {
  const entry = store.calls[index];
  const turns: Turn[] = [];
  for (let t = firstTurn; t < firstTurn + entry.turns; t++) turns.push(new StoredTurn(store, t, entry.call.id));
  return new StoredCallDocument(entry.call, turns, entry.chunkCount);
}

/** Reads a generation's calls and chunks from its compact store (arguments as openStore's). */
export async function readStore(dir: string, bin?: Uint8Array, recentTextChars?: number): Promise<StoredLibrary> {
  const store = await openStore(dir, bin, recentTextChars);
  const calls: CallDocument[] = [];
  let t = 0;
  store.calls.forEach((entry, i) => {
    calls.push(storedCall(store, i, t));
    t += entry.turns;
  });
  const chunks: Chunk[] = [];
  for (let o = 0; o < store.cols.chunkCall.length; o++) chunks.push(new StoredChunk(store, o));
  return { calls, chunks, store };
}
