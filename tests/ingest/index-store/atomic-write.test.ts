import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openIndex } from '../../../ingest/index-store/read.ts';
import { writeIndex } from '../../../ingest/index-store/write.ts';
import type { Manifest } from '../../../ingest/index-store/types.ts';
import { syntheticIndexData } from './synthetic-index.ts';

const small = (seed: number) => syntheticIndexData({ calls: 2, chunksPerCall: 20, dim: 16, seed });
const generations = async (dir: string) => (await readdir(dir)).filter((n) => n.startsWith('gen-')).sort();

async function expectStillServes(dir: string, manifest: Manifest, firstChunkText: string): Promise<void> {
  const index = await openIndex(dir);
  expect(index.manifest).toEqual(manifest);
  expect(index.chunks[0].text).toBe(firstChunkText);
}

describe('writeIndex is atomic', () => {
  let dir: string;
  let before: Manifest;
  const original = small(1);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'index-store-atomic-'));
    before = await writeIndex(dir, original);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('a write that throws midway leaves the previous index live and no leftovers', async () => {
    const failing = writeIndex(dir, small(2), {
      onProgress: () => {
        throw new Error('disk on fire');
      },
    });
    await expect(failing).rejects.toThrow('disk on fire');
    await expectStillServes(dir, before, original.chunks[0].text);
    expect(await generations(dir)).toHaveLength(1);
    // The lock was released: the next write goes through.
    await expect(writeIndex(dir, small(3))).resolves.toMatchObject({ chunkCount: 40 });
  });

  it('rejects a vector of the wrong dimension before touching the index', async () => {
    const bad = small(2);
    bad.vectors[7] = new Float32Array(15);
    await expect(writeIndex(dir, bad)).rejects.toMatchObject({ code: 'invalid_data', message: expect.stringMatching(/vector 7 .* 15 dimensions/) });
    await expectStillServes(dir, before, original.chunks[0].text);
  });

  it('a writer killed with SIGKILL leaves the previous index live; the next write cleans up', async () => {
    const script = fileURLToPath(new URL('./write-big-index.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const initial = await generations(dir);
    // Kill once the child has started writing its own generation folder.
    for (let waited = 0; (await generations(dir)).length === initial.length; waited += 20) {
      if (waited > 60_000) throw new Error('the child never started writing');
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    await expectStillServes(dir, before, original.chunks[0].text);
    const leftovers = await generations(dir);
    expect(leftovers.length).toBe(2);
    // The dead child's lock is stale: the next write takes it over and removes the half-written folder.
    expect(await readFile(join(dir, 'ingest.lock'), 'utf8')).toMatch(/^\d+/);
    const after = await writeIndex(dir, small(4));
    const remaining = await generations(dir);
    expect(remaining).toHaveLength(2);
    expect(remaining).toContain(initial[0]);
    expect(remaining).not.toContain(leftovers.find((g) => g !== initial[0]));
    expect((await openIndex(dir)).manifest).toEqual(after);
  }, 90_000);

  it('keeps only the live and the previous generation', async () => {
    await writeIndex(dir, small(2));
    await writeIndex(dir, small(3));
    const last = await writeIndex(dir, small(4));
    expect(await generations(dir)).toHaveLength(2);
    expect((await openIndex(dir)).manifest).toEqual(last);
  });
});

describe('the ingest lock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'index-store-lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('refuses a second write while one is running', async () => {
    let second: Promise<unknown> | undefined;
    const first = writeIndex(dir, syntheticIndexData({ calls: 4, chunksPerCall: 200, dim: 16 }), {
      onProgress: () => {
        // Settle into a value right away: a rejection nobody awaits yet would be reported as unhandled.
        second ??= writeIndex(dir, small(9)).then(() => 'written', (err: unknown) => err);
      },
    });
    await expect(first).resolves.toMatchObject({ chunkCount: 800 });
    expect(await second).toMatchObject({ code: 'locked', message: expect.stringContaining(`pid ${process.pid}`) });
    expect((await openIndex(dir)).manifest.chunkCount).toBe(800);
  });

  it('refuses while another live process holds the lock, takes over a dead one', async () => {
    await writeFile(join(dir, 'ingest.lock'), `${process.ppid}\n`);
    await expect(writeIndex(dir, small(1))).rejects.toMatchObject({ code: 'locked' });
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    await writeFile(join(dir, 'ingest.lock'), `${dead.pid}\n`);
    await expect(writeIndex(dir, small(1))).resolves.toMatchObject({ chunkCount: 40 });
    expect((await readdir(dir)).filter((n) => n.includes('lock'))).toEqual([]);
  });
});
