// Writes a generation's vectors, chunks and call documents call by call while the ingest is still
// parsing, so a cold ingest never holds the whole library (measured on 1,380 real calls: the
// parsed chunks, documents and vectors held until the end were ~0.7 GB of a 1.6 GB peak). The
// folder is a generation folder without a manifest until writeIndex completes it: an interrupted
// ingest leaves an incomplete one that the next successful write removes.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { IndexStoreError } from '../errors.ts';
import { FILES, newGenerationName } from './layout.ts';
import { StoreWriter } from '../chunk-store/store-writer.ts';
import type { Chunk } from '../../types.ts';
import type { CallDocument } from '../types.ts';
import type { PreviousFile } from './previous.ts';
import { AppendFile } from './append-file.ts';
import type { Store } from '../chunk-store/store.ts';

export interface PreparedParts {
  /** The generation folder's name and path. */
  name: string;
  dir: string;
  chunkCount: number;
  dimensions: number;
}

export class PartsWriter {
  private chunkCount = 0;
  private dimensions = 0;

  private constructor(
    readonly name: string,
    readonly dir: string,
    private readonly vectors: AppendFile,
    private readonly store: StoreWriter,
  ) {}

  /**
   * `previous`: the live generation's folder and store, when its calls are to be copied: the new
   * files start as copies of its own, and the calls kept at their front stay where they are.
   */
  static async begin(indexDir: string, previous?: { dir: string; store: Store }): Promise<PartsWriter> {
    const name = newGenerationName();
    const dir = join(indexDir, name);
    await mkdir(dir, { recursive: true });
    const [v, store] = await Promise.all([
      AppendFile.create(join(dir, FILES.vectors), previous && join(previous.dir, FILES.vectors)),
      StoreWriter.begin(dir, { copyOf: previous }),
    ]);
    return new PartsWriter(name, dir, v, store);
  }

  get written(): number {
    return this.chunkCount;
  }

  /** One call: its document, its chunks in order and their vectors. */
  async append(doc: CallDocument, chunks: readonly Chunk[], vectors: readonly Float32Array[]): Promise<void> {
    if (vectors.length !== chunks.length) throw new IndexStoreError('invalid_data', `${doc.call.id}: ${chunks.length} chunks but ${vectors.length} vectors`);
    const dim = vectors[0]?.length ?? this.dimensions;
    this.dimensions ||= dim;
    const flat = new Float32Array(vectors.length * this.dimensions);
    vectors.forEach((v, i) => {
      if (v.length !== this.dimensions) throw new IndexStoreError('invalid_data', `vector ${i} of ${doc.call.id} has ${v.length} dimensions, expected ${this.dimensions}`);
      for (let j = 0; j < v.length; j++) if (!Number.isFinite(v[j])) throw new IndexStoreError('invalid_data', `vector ${i} of ${doc.call.id} is not finite`);
      flat.set(v, i * this.dimensions);
    });
    await this.writeVectors(flat);
    await this.store.addCall(doc);
    for (const c of chunks) await this.store.addChunk(c);
    this.chunkCount += chunks.length;
  }

  /** A call of the previous generation, copied as it lies there (its vectors were checked when first written). */
  async copy({ store, block, vectors }: NonNullable<PreviousFile['stored']>, dimensions: number): Promise<void> {
    this.dimensions ||= dimensions;
    if (dimensions !== this.dimensions) throw new IndexStoreError('invalid_data', `vectors of ${store.calls[block.call].call.id} have ${dimensions} dimensions, expected ${this.dimensions}`);
    const count = block.chunks[1] - block.chunks[0];
    const bytes = 4 * this.dimensions;
    // vectors.f32 started as a copy of the previous one exactly when text.bin did.
    if (!this.store.copiesFrom(store) || !this.vectors.keeps(block.chunks[0] * bytes, block.chunks[1] * bytes)) await this.writeVectors(vectors());
    await this.store.copyCall(store, block);
    this.chunkCount += count;
  }

  private async writeVectors(flat: Float32Array): Promise<void> {
    await this.vectors.append(new Uint8Array(flat.buffer, flat.byteOffset, flat.byteLength));
  }

  async finish(): Promise<PreparedParts> {
    await this.vectors.finish();
    await this.store.finish();
    return { name: this.name, dir: this.dir, chunkCount: this.chunkCount, dimensions: this.dimensions };
  }

  /** Nothing will be committed: close and remove the folder. */
  async abort(): Promise<void> {
    await Promise.allSettled([this.vectors.close(), this.store.abort()]);
    await rm(this.dir, { recursive: true, force: true });
  }
}
