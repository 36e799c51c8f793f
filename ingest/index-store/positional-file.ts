// A file of a generation read where it lies, by position (text.bin, vectors.f32), instead of held
// in memory. The descriptor outlives a generation folder removed while the index still serves
// (unlinked files stay readable); it is closed when its reader is collected.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { IndexStoreError } from './errors.ts';

const closer = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

export class PositionalFile {
  private readonly fd: number;

  /** Opens `path`, which must hold `expectedBytes` (else corrupt, saying `holds`: what it should hold). */
  constructor(
    private readonly path: string,
    expectedBytes: number,
    holds: string,
  ) {
    this.fd = openSync(path, 'r');
    closer.register(this, this.fd);
    if (fstatSync(this.fd).size !== expectedBytes) throw new IndexStoreError('corrupt', `${path} does not hold ${holds}`);
  }

  /** Fills `into[0, length)` from the file's byte `position` on. */
  read(into: Uint8Array, length: number, position: number): void {
    let done = 0;
    while (done < length) {
      const got = readSync(this.fd, into, done, length - done, position + done);
      if (got === 0) throw new IndexStoreError('corrupt', `${this.path} ended early`);
      done += got;
    }
  }
}
