// The serving side reads chunk vectors from vectors.f32 when it needs them instead of holding the
// file in memory (156 MB for 122k chunks of 320 dimensions, beside the HNSW graphs' own copy):
// only an exact scan under a selective filter, and `vector(o)`, read them. A scan reads runs of
// consecutive ordinals (a call's chunks are consecutive) in one call each, from the page cache.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { IndexStoreError } from './errors.ts';
import { TopK } from './top-k.ts';
import { cosineAt, denseHits, queryNorm } from './vectors.ts';
import type { DenseHit } from './types.ts';

const SCRATCH_VECTORS = 1024;
// The descriptor outlives a generation folder removed while this index still serves (unlinked
// files stay readable); it is closed when the index is collected.
const closer = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

export class VectorFile {
  private readonly fd: number;
  private readonly scratch: Float32Array;

  constructor(
    path: string,
    readonly dim: number,
    readonly count: number,
  ) {
    this.fd = openSync(path, 'r');
    closer.register(this, this.fd);
    if (fstatSync(this.fd).size !== count * dim * 4) throw new IndexStoreError('corrupt', `${path} does not hold ${count} vectors of ${dim} dimensions`);
    this.scratch = new Float32Array(SCRATCH_VECTORS * dim);
  }

  vector(ordinal: number): Float32Array {
    if (!(ordinal >= 0 && ordinal < this.count)) throw new RangeError(`no chunk at ordinal ${ordinal}`);
    const out = new Float32Array(this.dim);
    this.read(out, ordinal, 1);
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
    const bytes = new Uint8Array(into.buffer, into.byteOffset, n * this.dim * 4);
    let done = 0;
    while (done < bytes.length) {
      const got = readSync(this.fd, bytes, done, bytes.length - done, first * this.dim * 4 + done);
      if (got === 0) throw new IndexStoreError('corrupt', 'vectors.f32 ended early');
      done += got;
    }
  }
}
