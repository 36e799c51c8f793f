// What crashed or killed ingests leave behind, removed when the next ingest starts (holding the
// lock, so no other ingest is writing): generation folders CURRENT does not name (10 kills left
// 977 MB), the commit's CURRENT.tmp and lock temp files of dead processes (a full disk once left
// one for good). The newest complete generation before CURRENT stays: a server that read CURRENT
// just before the last switch may still be loading it.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FILES, GENERATION, readCurrent } from './layout.ts';
import { isAlive, LOCK_TMP } from './lock.ts';

const complete = (dir: string) => stat(join(dir, FILES.manifest)).then(() => true, () => false);
// Names are gen-<ms>-<hex>.
const timeOf = (generation: string) => Number(generation.split('-')[1]);

/** Removes abandoned generations and temp files; returns the names removed. */
export async function removeAbandoned(indexDir: string): Promise<string[]> {
  const current = await readCurrent(indexDir).catch(() => undefined);
  const entries = await readdir(indexDir, { withFileTypes: true });
  const removed: string[] = [];
  const remove = async (name: string) => {
    await rm(join(indexDir, name), { recursive: true, force: true });
    removed.push(name);
  };
  // Newest first.
  const generations = entries
    .filter((e) => e.isDirectory() && GENERATION.test(e.name) && e.name !== current)
    .map((e) => e.name)
    .sort((a, b) => timeOf(b) - timeOf(a));
  let keptPrevious = false;
  for (const name of generations) {
    const older = current !== undefined && timeOf(name) <= timeOf(current);
    if (!keptPrevious && older && (await complete(join(indexDir, name)))) {
      keptPrevious = true;
      continue;
    }
    await remove(name);
  }
  for (const e of entries) {
    const lockTmp = LOCK_TMP.exec(e.name);
    if (e.name === 'CURRENT.tmp' || (lockTmp && !isAlive(Number(lockTmp[1])))) await remove(e.name);
  }
  return removed;
}
