// JSON arrays written item by item in pieces of about a megabyte, then fsynced: the same bytes as
// JSON.stringify of the whole without one string of it (hundreds of MB at 100k chunks; the call
// documents are few but large, so pieces are cut by size, not by count).
import { open, type FileHandle } from 'node:fs/promises';

const PIECE_CHARS = 1 << 20;

/** A JSON array written as its items come (parts-writer.ts), or all at once (writeJsonArrayDurable). */
export class JsonArrayFile {
  private piece: string[] = [];
  private chars = 0;
  private count = 0;
  constructor(private readonly fh: FileHandle) {}

  async push(item: unknown): Promise<void> {
    const json = JSON.stringify(item);
    this.piece.push(`${this.count++ === 0 ? '[' : ','}${json}`);
    this.chars += json.length;
    if (this.chars >= PIECE_CHARS) await this.flush();
  }

  /** Ends the array, fsyncs and closes the file. */
  async close(): Promise<void> {
    try {
      this.piece.push(this.count === 0 ? '[]' : ']');
      await this.flush();
      await this.fh.sync();
    } finally {
      await this.fh.close();
    }
  }

  /** Closes the file without ending the array: it is about to be removed. */
  async abort(): Promise<void> {
    await this.fh.close();
  }

  private async flush(): Promise<void> {
    const body = this.piece.join('');
    this.piece = [];
    this.chars = 0;
    await this.fh.write(body);
  }
}

export async function writeJsonArrayDurable<T>(path: string, items: readonly T[], encode: (item: T) => unknown = (x) => x): Promise<void> {
  const out = new JsonArrayFile(await open(path, 'w'));
  try {
    for (const item of items) await out.push(encode(item));
  } catch (error) {
    await out.abort();
    throw error;
  }
  await out.close();
}
