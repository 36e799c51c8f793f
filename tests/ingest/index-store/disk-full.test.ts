// Regression (issue 11, defect 7): on a full disk a lock temp file stayed behind for good, and the
// failure was a raw ENOSPC stack. Real ENOSPC: ingests into a 2 MiB tmpfs mounted in a private
// mount namespace (unshare), where the machine allows it; and /dev/full's own ENOSPC everywhere.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskFullError } from '../../../ingest/index-store/errors.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SEEDS = path.join(ROOT, 'seeds');
const EXTRA = path.join(ROOT, 'tests/fixtures/transcripts/english-only-earnings.txt');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function canMountTmpfs(): boolean {
  try {
    execFileSync('unshare', ['-rm', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k none "$d"'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

const ONE_SENTENCE = /^The disk holding \S+ is full: free some space and run ingest again \(the previous index is unchanged\)\.$/;

describe('ingest on a full disk', () => {
  it('an ENOSPC from the system reads as one sentence', async () => {
    const error = await writeFile('/dev/full', 'x').then(() => undefined, (e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    const mapped = diskFullError(error, '/srv/index');
    expect(mapped?.code).toBe('disk_full');
    expect(mapped?.message).toMatch(ONE_SENTENCE);
    expect(diskFullError(new Error('HNSW worker failed: ENOSPC: no space left on device, write'), '/srv/index')?.code).toBe('disk_full');
    expect(diskFullError(new Error('EACCES'), '/srv/index')).toBeUndefined();
  });

  it.skipIf(!canMountTmpfs())('on a real full tmpfs: one sentence, the previous index live, no partial generation, no lock temp file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tqa-full-'));
    const script = path.join(import.meta.dirname, 'disk-full-scenario.ts');
    const result = spawnSync(
      'unshare',
      ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=2m none "$1" && exec "$2" "$3" "$1" "$4" "$5"', 'sh', dir, TSX, script, SEEDS, EXTRA],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    const seen = JSON.parse(result.stdout);
    expect(seen.firstChunks).toBeGreaterThan(0);

    expect(seen.midWrite).toMatchObject({ code: 'disk_full', message: expect.stringMatching(ONE_SENTENCE) });
    expect(seen.afterMidWrite.current).toBe(seen.live);
    expect(seen.afterMidWrite.entries.sort()).toEqual(['CURRENT', seen.live].sort());

    expect(seen.atStart).toMatchObject({ code: 'disk_full', message: expect.stringMatching(ONE_SENTENCE) });
    expect(seen.afterAtStart.filter((name: string) => name.startsWith('ingest.lock'))).toEqual([]);
  }, 90_000);
});
