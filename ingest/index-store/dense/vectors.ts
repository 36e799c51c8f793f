// All chunk vectors as one flat little-endian Float32 file: loads with a single read, gives exact
// search over any subset, and lets an incremental ingest reuse vectors without re-embedding.
import { open } from 'node:fs/promises';
import { endianness } from 'node:os';
import type { DenseHit } from '../types.ts';
import { TopK } from '../top-k.ts';

function assertLittleEndian(): void {
  // Typed arrays use the platform's byte order; every platform Node ships for is little-endian.
  if (endianness() !== 'LE') throw new Error('the index store needs a little-endian platform');
}

/** Packs vectors into shared memory, so the HNSW build worker reads them without a copy. */
export function packVectors(vectors: readonly Float32Array[], dim: number): Uint8Array {
  assertLittleEndian();
  const flat = new Float32Array(new SharedArrayBuffer(vectors.length * dim * 4));
  vectors.forEach((v, i) => flat.set(v, i * dim));
  return new Uint8Array(flat.buffer);
}

/** Writes vectors as the flat file in pieces of a few MB (no copy of the whole), then fsyncs. */
export async function writeVectorsDurable(path: string, vectors: readonly Float32Array[], dim: number): Promise<void> {
  assertLittleEndian();
  const PIECE = 4096;
  const piece = new Float32Array(PIECE * dim);
  const fh = await open(path, 'w');
  try {
    for (let i = 0; i < vectors.length; i += PIECE) {
      const n = Math.min(PIECE, vectors.length - i);
      for (let j = 0; j < n; j++) piece.set(vectors[i + j], j * dim);
      const bytes = new Uint8Array(piece.buffer, 0, n * dim * 4);
      for (let off = 0; off < bytes.length; ) off += (await fh.write(bytes, off)).bytesWritten;
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export function unpackVectors(bytes: Uint8Array): Float32Array {
  assertLittleEndian();
  if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Float32Array(bytes.slice().buffer);
}

/** Cosine of the vector at `base` in `data` with `query` (whose norm is `qNorm`), norm computed in the same pass. */
export function cosineAt(data: Float32Array, base: number, dim: number, query: Float32Array, qNorm: number): number {
  let dot = 0;
  let vv = 0;
  for (let j = 0; j < dim; j++) {
    const x = data[base + j];
    dot += x * query[j];
    vv += x * x;
  }
  return dot / (qNorm * (Math.sqrt(vv) || 1));
}

/**
 * Exact cosine top-k over the given ordinals. Norms are computed in the same pass, so the result
 * matches hnswlib's cosine space even if a vector was not quite normalised.
 */
export function exactSearch(flat: Float32Array, dim: number, query: Float32Array, k: number, ordinals: ArrayLike<number>): DenseHit[] {
  const qNorm = queryNorm(query, dim);
  const top = new TopK(k);
  for (let i = 0; i < ordinals.length; i++) {
    const o = ordinals[i];
    top.push(o, cosineAt(flat, o * dim, dim, query, qNorm));
  }
  return denseHits(top);
}

/** The query's norm for cosineAt (1 for a zero vector, so scores stay finite). */
export function queryNorm(query: Float32Array, dim: number): number {
  let qq = 0;
  for (let j = 0; j < dim; j++) qq += query[j] * query[j];
  return Math.sqrt(qq) || 1;
}

/** A top-k of chunk ordinals as dense hits, best first. */
export function denseHits(top: TopK): DenseHit[] {
  return top.sorted().map(({ id, score }) => ({ ordinal: id, score }));
}
