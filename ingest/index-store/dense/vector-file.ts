// The serving side's chunk vectors, two ways. `VectorFile` reads vectors.f32 when it needs them
// instead of holding the file (for an index whose vectors are large: a learned embedder's 1,536
// dimensions); a scan reads runs of consecutive ordinals (a call's chunks are consecutive) in one
// call each, from the page cache. `VectorArray` holds them in memory a search thread can share
// (122k chunks of 320 dimensions: 156 MB), for the exact cosine of any chunks without a system call
// (the local embedder's exact scans, see dense-search.ts).
import { IndexStoreError } from '../errors.ts';
import { PositionalFile } from '../positional-file.ts';
import { TopK } from '../top-k.ts';
import { cosineAt, denseHits, exactSearch, queryNorm } from './vectors.ts';
import type { DenseHit } from '../types.ts';

const SCRATCH_VECTORS = 1024;

export class VectorFile {
  private readonly file: PositionalFile;
  private readonly scratch: Float32Array;

  constructor(
    path: string,
    readonly dim: number,
    readonly count: number,
  ) {
    this.file = new PositionalFile(path, count * dim * 4, `${count} vectors of ${dim} dimensions`);
    this.scratch = new Float32Array(SCRATCH_VECTORS * dim);
  }

  vector(ordinal: number): Float32Array {
    if (!(ordinal >= 0 && ordinal < this.count)) throw new RangeError(`no chunk at ordinal ${ordinal}`);
    const out = new Float32Array(this.dim);
    this.read(out, ordinal, 1);
    return out;
  }

  /** The vectors of ordinals `first` .. `first + n - 1`, one after another. */
  span(first: number, n: number): Float32Array {
    if (!(first >= 0 && n >= 0 && first + n <= this.count)) throw new RangeError(`no chunks at ordinals ${first}..${first + n - 1}`);
    const out = new Float32Array(n * this.dim);
    this.read(out, first, n);
    return out;
  }

  /** Exact cosine top-k over `ordinals` (ascending), as vectors.ts's exactSearch over the whole file would give. */
  exactSearch(query: Float32Array, k: number, ordinals: ArrayLike<number>): DenseHit[] {
    const { dim, scratch } = this;
    const qNorm = queryNorm(query, dim);
    const top = new TopK(k);
    for (let i = 0; i < ordinals.length; ) {
      // The run of consecutive ordinals from i, up to the scratch size.
      let n = 1;
      while (i + n < ordinals.length && n < SCRATCH_VECTORS && ordinals[i + n] === ordinals[i] + n) n++;
      this.read(scratch, ordinals[i], n);
      for (let r = 0; r < n; r++) top.push(ordinals[i + r], cosineAt(scratch, r * dim, dim, query, qNorm));
      i += n;
    }
    return denseHits(top);
  }

  private read(into: Float32Array, first: number, n: number): void {
    this.file.read(new Uint8Array(into.buffer, into.byteOffset, n * this.dim * 4), n * this.dim * 4, first * this.dim * 4);
  }
}

/** The vectors held in memory (a view of the whole vectors.f32, e.g. in a SharedArrayBuffer). */
export class VectorArray {
  private readonly flat: Float32Array;

  constructor(
    bytes: Uint8Array,
    readonly dim: number,
    readonly count: number,
  ) {
    if (bytes.byteLength !== count * dim * 4 || bytes.byteOffset % 4 !== 0) throw new IndexStoreError('corrupt', `vectors.f32 does not hold ${count} vectors of ${dim} dimensions`);
    this.flat = new Float32Array(bytes.buffer, bytes.byteOffset, count * dim);
  }

  vector(ordinal: number): Float32Array {
    if (!(ordinal >= 0 && ordinal < this.count)) throw new RangeError(`no chunk at ordinal ${ordinal}`);
    return this.flat.slice(ordinal * this.dim, (ordinal + 1) * this.dim);
  }

  exactSearch(query: Float32Array, k: number, ordinals: ArrayLike<number>): DenseHit[] {
    return exactSearch(this.flat, this.dim, query, k, ordinals);
  }
}
