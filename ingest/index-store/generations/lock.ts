// One ingest at a time per index folder. The lock file holds the owner's pid; a lock whose pid is
// dead is stale (an ingest killed with SIGKILL never releases it) and is taken over.
import { randomBytes } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IndexStoreError } from '../errors.ts';

export const LOCK_FILE = 'ingest.lock';
/** The private files a lock is linked from: `ingest.lock.<pid>-<hex>.tmp`. */
export const LOCK_TMP = /^ingest\.lock\.(\d+)-[0-9a-f]+\.tmp$/;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function lockOwner(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Takes the lock or throws `locked`; resolves to the release function. */
export async function acquireLock(indexDir: string): Promise<() => Promise<void>> {
  const path = join(indexDir, LOCK_FILE);
  // Write the pid to a private file first and hard-link it into place: link fails atomically when
  // the lock exists, and a reader never sees a lock file without its pid.
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    // Inside the try: on a full disk the file is created but its write fails, and it must not stay.
    await writeFile(tmp, `${process.pid}\n`);
    for (let attempt = 0; ; attempt++) {
      try {
        await link(tmp, path);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const owner = await lockOwner(path);
        if (owner !== undefined && (owner === process.pid || isAlive(owner)) || attempt > 0) {
          throw new IndexStoreError(
            'locked',
            `Another ingest (pid ${owner ?? '?'}) is writing ${indexDir}; wait for it to finish, or delete ${path} if no ingest is running`,
          );
        }
        await unlink(path).catch(() => undefined);
      }
    }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  return async () => {
    if ((await lockOwner(path)) === process.pid) await unlink(path).catch(() => undefined);
  };
}
