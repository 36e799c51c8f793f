// The text of a generation's store (text.bin) read where it lies, one positional read per chunk
// or header asked for, instead of held in memory: reading the whole file at start cost ~80 ms of
// CPU and 80 MB of RSS for the 1,380 real calls, while a search reads a few texts (the page cache
// serves them). See positional-file.ts. An ingest that copies a call into the next generation
// reads its text in one block (StoreWriter.copyCall).
import { PositionalFile } from '../positional-file.ts';

const SCRATCH_BYTES = 64 * 1024;

export class TextFile {
  private readonly file: PositionalFile;
  private readonly scratch = Buffer.allocUnsafe(SCRATCH_BYTES);

  constructor(path: string, expectedBytes: number) {
    this.file = new PositionalFile(path, expectedBytes, `the ${expectedBytes} bytes of text its store refers to`);
  }

  /** Bytes [start, end) of the file; the buffer is reused by the next read. */
  bytes(start: number, end: number): Buffer {
    const n = end - start;
    const into = n <= SCRATCH_BYTES ? this.scratch : Buffer.allocUnsafe(n);
    this.file.read(into, n, start);
    return into.subarray(0, n);
  }

  text(start: number, end: number): string {
    return this.bytes(start, end).toString('utf8');
  }
}
