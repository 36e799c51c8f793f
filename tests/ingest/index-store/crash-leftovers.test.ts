// Regression (issue 11, defect 7): partial generation folders of crashed ingests piled up (10
// kills left 977 MB) until the next successful ingest, and the lock was taken only when writing
// started, so two concurrent ingests both parsed and embedded fully before one failed.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../../ingest/embedders/local.ts';
import { acquireLock } from '../../../ingest/index-store/generations/lock.ts';
import { ingest, type IngestEvent } from '../../../ingest/pipeline.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SEEDS = path.join(ROOT, 'seeds');
const run = (indexDir: string, onEvent?: (e: IngestEvent) => void, paths = [SEEDS]) =>
  ingest({ paths, indexDir, embedder: new LocalEmbedder(), chunkMaxTokens: 300, workers: 0, onEvent });

/** A pid that is surely dead: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('ingest leftovers and the lock', () => {
  it('a second ingest of a locked folder fails before reading a single file', async () => {
    const indexDir = path.join(await mkdtemp(path.join(tmpdir(), 'tqa-lock-')), 'index');
    await mkdir(indexDir);
    const release = await acquireLock(indexDir);
    const events: IngestEvent[] = [];
    try {
      await expect(run(indexDir, (e) => events.push(e))).rejects.toMatchObject({ code: 'locked' });
      expect(events).toEqual([]);
    } finally {
      await release();
    }
    await expect(run(indexDir)).resolves.toMatchObject({ chunks: expect.any(Number) });
  });

  it('abandoned generation folders and temp files are removed at start; the live one and the one before stay', async () => {
    const indexDir = path.join(await mkdtemp(path.join(tmpdir(), 'tqa-leftovers-')), 'index');
    // Two generations: one seed call, then both (an unchanged library writes none).
    const [first] = (await readdir(SEEDS)).filter((n) => n.endsWith('.txt')).sort();
    await run(indexDir, undefined, [path.join(SEEDS, first)]);
    await run(indexDir);
    const [previous, live] = (await readdir(indexDir)).filter((n) => n.startsWith('gen-')).sort();
    expect((await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim()).toBe(live);

    // What kill -9 at various moments leaves: partial generations (no manifest), an older complete
    // one, the commit's temp file and the lock temp file of a dead ingest.
    const now = Date.now();
    const partials = [`gen-${now + 1000}-deadbeef`, `gen-${now + 2000}-0badf00d`];
    for (const name of partials) {
      await mkdir(path.join(indexDir, name));
      await writeFile(path.join(indexDir, name, 'vectors.f32'), Buffer.alloc(64 * 1024));
    }
    const older = `gen-${Number(previous.split('-')[1]) - 1000}-aaaaaaaa`;
    await mkdir(path.join(indexDir, older));
    await writeFile(path.join(indexDir, older, 'manifest.json'), '{}');
    await writeFile(path.join(indexDir, 'CURRENT.tmp'), `${partials[0]}\n`);
    const deadTmp = `ingest.lock.${await deadPid()}-12345678.tmp`;
    await writeFile(path.join(indexDir, deadTmp), '1\n');

    const notices: string[] = [];
    const summary = await run(indexDir, (e) => e.type === 'notice' && notices.push(e.message));
    expect(summary.reused).toBeGreaterThan(0);
    const after = await readdir(indexDir);
    for (const gone of [...partials, older, 'CURRENT.tmp', deadTmp]) expect(after).not.toContain(gone);
    expect(notices.some((n) => n.includes(partials[0]))).toBe(true);
    // Nothing changed, so no new generation: the live one and the one before it stay.
    const generations = after.filter((n) => n.startsWith('gen-'));
    expect(generations).toHaveLength(2);
    expect(generations).toContain(live);
  });
});
