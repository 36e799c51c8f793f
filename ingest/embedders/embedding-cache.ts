// Vectors by content hash, so re-embedding unchanged text costs no API call.
// One binary file per embedder id, loaded on first use, rewritten whole via tmp file + rename
// so a crash never leaves a half-written cache behind.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface EmbeddingCacheOptions {
  /** Directory holding the cache files, e.g. `data/embedding-cache`. Created on first flush. */
  dir: string;
  /** Told about unreadable cache files, which are then ignored (and replaced on the next flush). */
  onWarning?: (message: string) => void;
}

interface Shelf {
  embedderId: string;
  file: string;
  entries: Map<string, Float32Array>;
  dims?: number;
  dirty: boolean;
}

// Layout: MAGIC, u32 dims, u32 id length, id (utf8, zero-padded to 4 bytes), then records of
// 32-byte sha256 + dims float32. Little-endian, which is every platform we run on.
const MAGIC = Buffer.from('EMBCACH1');
const KEY_BYTES = 32;

export class EmbeddingCache {
  readonly dir: string;
  private readonly shelves = new Map<string, Promise<Shelf>>();
  private readonly warn: (message: string) => void;
  private writing: Promise<void> = Promise.resolve();

  constructor(opts: EmbeddingCacheOptions) {
    this.dir = opts.dir;
    this.warn = opts.onWarning ?? (() => {});
  }

  /** The vectors cached for `texts` under `embedderId`, `undefined` where there is none. */
  async lookup(embedderId: string, texts: string[]): Promise<(Float32Array | undefined)[]> {
    const shelf = await this.shelf(embedderId);
    return texts.map((text) => shelf.entries.get(cacheKey(embedderId, text)));
  }

  /** Remembers vectors in memory; `flush` makes them durable. */
  async store(embedderId: string, texts: string[], vectors: Float32Array[]): Promise<void> {
    const shelf = await this.shelf(embedderId);
    texts.forEach((text, i) => {
      const vector = vectors[i];
      shelf.dims ??= vector.length;
      if (vector.length !== shelf.dims) {
        return this.warn(`embedding cache: ${embedderId} gave ${vector.length} dims, cache holds ${shelf.dims}; not cached`);
      }
      shelf.entries.set(cacheKey(embedderId, text), vector);
      shelf.dirty = true;
    });
  }

  /** Writes every changed file; concurrent calls queue behind each other. */
  flush(): Promise<void> {
    // A failed earlier flush must not poison later ones: its shelves stay dirty and get retried.
    this.writing = this.writing.catch(() => {}).then(async () => {
      for (const pending of this.shelves.values()) {
        const shelf = await pending;
        if (!shelf.dirty) continue;
        shelf.dirty = false;
        await writeAtomically(shelf.file, encodeShelf(shelf)).catch((err: unknown) => {
          shelf.dirty = true;
          throw err;
        });
      }
    });
    return this.writing;
  }

  fileFor(embedderId: string): string {
    const slug = embedderId.replace(/[^A-Za-z0-9._-]+/g, '_');
    return join(this.dir, `${slug}-${sha256(embedderId).toString('hex').slice(0, 8)}.bin`);
  }

  private shelf(embedderId: string): Promise<Shelf> {
    let shelf = this.shelves.get(embedderId);
    if (!shelf) {
      shelf = this.load(embedderId);
      this.shelves.set(embedderId, shelf);
    }
    return shelf;
  }

  private async load(embedderId: string): Promise<Shelf> {
    const file = this.fileFor(embedderId);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.warn(`embedding cache: cannot read ${file}: ${err}`);
      return { embedderId, file, entries: new Map(), dirty: false };
    }
    try {
      return { embedderId, file, ...decodeShelf(bytes, embedderId), dirty: false };
    } catch (err) {
      this.warn(`embedding cache: ignoring corrupt ${file}: ${(err as Error).message}`);
      return { embedderId, file, entries: new Map(), dirty: false };
    }
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();
const cacheKey = (embedderId: string, text: string) => sha256(`${embedderId}\u0000${text}`).toString('hex');
const pad4 = (n: number) => Math.ceil(n / 4) * 4;

function encodeShelf(shelf: Shelf): Buffer {
  const dims = shelf.dims ?? 0;
  const id = Buffer.from(shelf.embedderId);
  const header = MAGIC.length + 8 + pad4(id.length);
  const record = KEY_BYTES + dims * 4;
  const out = Buffer.alloc(header + shelf.entries.size * record);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(dims, 8);
  out.writeUInt32LE(id.length, 12);
  id.copy(out, 16);
  let offset = header;
  for (const [key, vector] of shelf.entries) {
    out.write(key, offset, 'hex');
    Buffer.from(vector.buffer, vector.byteOffset, dims * 4).copy(out, offset + KEY_BYTES);
    offset += record;
  }
  return out;
}

function decodeShelf(bytes: Buffer, embedderId: string): Pick<Shelf, 'entries' | 'dims'> {
  if (bytes.length < 16 || !bytes.subarray(0, 8).equals(MAGIC)) throw new Error('bad magic');
  const dims = bytes.readUInt32LE(8);
  const idLength = bytes.readUInt32LE(12);
  const header = MAGIC.length + 8 + pad4(idLength);
  const record = KEY_BYTES + dims * 4;
  if (bytes.toString('utf8', 16, 16 + idLength) !== embedderId) throw new Error('written for another embedder');
  if (bytes.length < header || (bytes.length - header) % record !== 0) throw new Error('truncated');
  const entries = new Map<string, Float32Array>();
  for (let offset = header; offset < bytes.length; offset += record) {
    const start = bytes.byteOffset + offset + KEY_BYTES;
    // slice copies, which also gives Float32Array the 4-byte alignment it needs
    entries.set(bytes.toString('hex', offset, offset + KEY_BYTES), new Float32Array(bytes.buffer.slice(start, start + dims * 4)));
  }
  return { entries, dims: dims || undefined };
}

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
