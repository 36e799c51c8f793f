// The text of a generation's store (text.bin) read where it lies, one positional read per chunk
// or header asked for, instead of held in memory: reading the whole file at start cost ~80 ms of
// CPU and 80 MB of RSS for the 1,380 real calls, while a search reads a few texts (the page cache
// serves them). See positional-file.ts.
//
// An ingest that copies the previous generation's calls into the next one reads all of it: there
// the file is read whole once (TextFile.whole). One positional read per text, ~400,000 of them for
// the 1,380 calls, took 2.2 s of an ingest adding one call.
import { readFile } from 'node:fs/promises';
import { IndexStoreError } from '../errors.ts';
import { PositionalFile } from '../positional-file.ts';

const SCRATCH_BYTES = 64 * 1024;

export class TextFile {
  private readonly scratch = Buffer.allocUnsafe(SCRATCH_BYTES);

  /** Read where it lies (a PositionalFile), or from its bytes held in memory (see whole()). */
  private constructor(private readonly source: PositionalFile | Buffer) {}

  /** The file read where it lies, by position. */
  static at(path: string, expectedBytes: number): TextFile {
    return new TextFile(new PositionalFile(path, expectedBytes, holding(expectedBytes)));
  }

  /** The file read whole into memory, for a reader that reads all of it. */
  static async whole(path: string, expectedBytes: number): Promise<TextFile> {
    const bytes = await readFile(path);
    if (bytes.length !== expectedBytes) throw new IndexStoreError('corrupt', `${path} does not hold ${holding(expectedBytes)}`);
    return new TextFile(bytes);
  }

  /** Bytes [start, end) of the file; the buffer is reused by the next read. */
  bytes(start: number, end: number): Buffer {
    if (Buffer.isBuffer(this.source)) return this.source.subarray(start, end);
    const n = end - start;
    const into = n <= SCRATCH_BYTES ? this.scratch : Buffer.allocUnsafe(n);
    this.source.read(into, n, start);
    return into;
  }

  text(start: number, end: number): string {
    return this.bytes(start, end).toString('utf8', 0, end - start);
  }
}

const holding = (bytes: number) => `the ${bytes} bytes of text its store refers to`;
