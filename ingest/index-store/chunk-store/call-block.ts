// Where one call lies in a store (store-format.ts), so that the next generation can take it as it
// is written (StoreWriter.copyCall) instead of decoding its text and encoding it again: adding one
// call to the 1,380 real calls spent most of its 4-6 s re-encoding the 1,380 kept ones.
import { NONE } from './store-format.ts';
import type { Store } from './store.ts';

/** Half-open ranges of the call's rows in each table of the store, and of its bytes in text.bin. */
export interface CallBlock {
  call: number;
  turns: [number, number];
  paragraphs: [number, number];
  headers: [number, number];
  chunks: [number, number];
  text: [number, number];
}

/**
 * Call `call` of `store`, whose chunks are `firstChunk` onwards, when everything of it lies in
 * one run of rows and one run of text bytes, as StoreWriter writes a call followed by its chunks;
 * undefined when it does not (a store written with every call before every chunk), and the call
 * must then be added field by field.
 */
export function callBlock(store: Store, call: number, firstTurn: number, firstChunk: number): CallBlock | undefined {
  const c = store.cols;
  const entry = store.calls[call];
  const turns: [number, number] = [firstTurn, firstTurn + entry.turns];
  const chunks: [number, number] = [firstChunk, firstChunk + entry.chunkCount];
  if (turns[1] > c.turnParaStart.length || chunks[1] > c.chunkCall.length) return undefined;
  for (let o = chunks[0]; o < chunks[1]; o++) if (c.chunkCall[o] !== call) return undefined;

  // Its turns' paragraphs one after another, their texts back to back.
  const firstPara = entry.turns > 0 ? c.turnParaStart[firstTurn] : 0;
  let p = firstPara;
  for (let g = turns[0]; g < turns[1]; g++) {
    if (c.turnParaStart[g] !== p) return undefined;
    p += c.turnParaCount[g];
  }
  const paragraphs: [number, number] = [firstPara, p];
  const textStart = paragraphs[1] > paragraphs[0] ? c.paraStart[paragraphs[0]] : undefined;
  let end = textStart;
  for (let q = paragraphs[0]; q < paragraphs[1]; q++) {
    if (c.paraStart[q] !== end) return undefined;
    end = c.paraEnd[q];
  }

  // Its chunks' runs inside its paragraphs, and its headers numbered in order of first use, their
  // texts right after the paragraphs'.
  let headerStart = NONE;
  let headerEnd = NONE;
  for (let o = chunks[0]; o < chunks[1]; o++) {
    const run = c.chunkParaStart[o];
    if (run !== NONE && (run < paragraphs[0] || run + c.chunkParaCount[o] > paragraphs[1])) return undefined;
    const h = c.chunkHeader[o];
    if (h === NONE || (headerStart !== NONE && h >= headerStart && h < headerEnd)) continue;
    if (headerStart === NONE) headerStart = headerEnd = h;
    if (h !== headerEnd) return undefined;
    const start = c.headerStart[h];
    if (end !== undefined && start !== end) return undefined;
    end = c.headerEnd[h];
    headerEnd = h + 1;
  }
  const text: [number, number] = end === undefined ? [0, 0] : [textStart ?? c.headerStart[headerStart], end];
  const headers: [number, number] = headerStart === NONE ? [0, 0] : [headerStart, headerEnd];
  return { call, turns, paragraphs, headers, chunks, text };
}
