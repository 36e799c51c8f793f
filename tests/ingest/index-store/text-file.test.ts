import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextFile } from '../../../ingest/index-store/chunk-store/text-file.ts';

// A store's text.bin, read where it lies (the server) or whole (an ingest copying every call):
// the same texts either way, and a file of the wrong size is a corrupt index either way.
describe('TextFile', () => {
  let dir: string;
  let file: string;
  const parts = ['Revenue grew 12% — ahead of plan. ', 'Next question, please. ', 'Q3 margins: 41.5%.'];
  const bytes = Buffer.from(parts.join(''), 'utf8');
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'text-file-'));
    file = path.join(dir, 'text.bin');
    await writeFile(file, bytes);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads the same texts where they lie and whole', async () => {
    const lying = TextFile.at(file, bytes.length);
    const whole = await TextFile.whole(file, bytes.length);
    let at = 0;
    for (const part of parts) {
      const end = at + Buffer.byteLength(part);
      expect(lying.text(at, end)).toBe(part);
      expect(whole.text(at, end)).toBe(part);
      at = end;
    }
  });

  it('a file of another size than the store says is corrupt, read either way', async () => {
    expect(() => TextFile.at(file, bytes.length + 1)).toThrow(expect.objectContaining({ code: 'corrupt' }));
    await expect(TextFile.whole(file, bytes.length - 1)).rejects.toMatchObject({ code: 'corrupt' });
  });
});
