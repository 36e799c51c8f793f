// A generation file written front to back (text.bin, vectors.f32) that may start as a copy of the
// previous generation's (fs.copyFile: copied by the kernel, never read into memory). The calls
// kept at the front, in their places, keep their bytes where they are; the first call that is
// not one of them cuts the copy there, and everything after is written. Adding a call to the
// 1,380 real calls read and wrote ~235 MB of kept text and vectors through this process before.
import { copyFile, open, type FileHandle } from 'node:fs/promises';

export class AppendFile {
  /** The file's bytes so far: the copy's kept front, then what was written. */
  private size = 0;

  private constructor(
    private readonly handle: FileHandle,
    /** The copy's rest may still be kept. */
    private copied: boolean,
  ) {}

  /** A new file at `path`, a copy of `copyOf` when given. */
  static async create(path: string, copyOf?: string): Promise<AppendFile> {
    if (copyOf) await copyFile(copyOf, path);
    return new AppendFile(await open(path, copyOf ? 'r+' : 'w'), copyOf !== undefined);
  }

  /** True, and nothing to write, when bytes [start, end) of the copied file come next. */
  keeps(start: number, end: number): boolean {
    if (!this.copied || start !== this.size) return false;
    this.size = end;
    return true;
  }

  async append(bytes: Uint8Array): Promise<void> {
    await this.cut();
    for (let off = 0; off < bytes.length; ) off += (await this.handle.write(bytes, off, bytes.length - off, this.size + off)).bytesWritten;
    this.size += bytes.length;
  }

  /** Cuts what is left of the copy, fsyncs and closes. */
  async finish(): Promise<void> {
    try {
      await this.cut();
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  /** Closes without completing: the folder is about to be removed. */
  async close(): Promise<void> {
    await this.handle.close();
  }

  private async cut(): Promise<void> {
    if (!this.copied) return;
    this.copied = false;
    await this.handle.truncate(this.size);
  }
}
