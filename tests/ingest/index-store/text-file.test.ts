import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextFile } from '../../../ingest/index-store/chunk-store/text-file.ts';

// A store's text.bin, read where it lies: exactly the bytes asked for (an ingest copies a call's
// block of them into the next generation), and a file of the wrong size is a corrupt index.
describe('TextFile', () => {
  let dir: string;
  let file: string;
  const parts = ['Revenue grew 12% — ahead of plan. ', 'Next question, please. ', 'Q3 margins: 41.5%.', 'x'.repeat(70_000)];
  const bytes = Buffer.from(parts.join(''), 'utf8');
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'text-file-'));
    file = path.join(dir, 'text.bin');
    await writeFile(file, bytes);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads exactly the texts and bytes asked for, shorter or longer than its scratch buffer', () => {
    const text = new TextFile(file, bytes.length);
    let at = 0;
    for (const part of parts) {
      const end = at + Buffer.byteLength(part);
      expect(text.text(at, end)).toBe(part);
      expect(Buffer.from(text.bytes(at, end)).equals(bytes.subarray(at, end))).toBe(true);
      at = end;
    }
  });

  it('a file of another size than the store says is corrupt', () => {
    expect(() => new TextFile(file, bytes.length + 1)).toThrow(expect.objectContaining({ code: 'corrupt' }));
  });
});
