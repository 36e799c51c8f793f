// On-disk layout: indexDir/CURRENT names the live generation folder; a generation is never
// modified after CURRENT points at it, so readers never see a half-written index.
import { randomBytes } from 'node:crypto';
import { open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const FILES = {
  manifest: 'manifest.json',
  // The compact store of calls, turns and chunks (store-format.ts).
  storeDirectory: 'store.json',
  store: 'store.bin',
  text: 'text.bin',
  vectors: 'vectors.f32',
  hnsw: 'hnsw.bin',
  lexicalTerms: 'lexical-terms.json',
  lexicalPostings: 'lexical-postings.bin',
} as const;

const CURRENT = 'CURRENT';
export const GENERATION = /^gen-\d+-[0-9a-f]+$/;

export function newGenerationName(): string {
  return `gen-${Date.now()}-${randomBytes(4).toString('hex')}`;
}

/** The live generation's folder name, or undefined when nothing was ever committed. */
export async function readCurrent(indexDir: string): Promise<string | undefined> {
  let name: string;
  try {
    name = (await readFile(join(indexDir, CURRENT), 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  // CURRENT is data from disk: never let it point outside indexDir.
  if (!GENERATION.test(name)) throw new Error(`${join(indexDir, CURRENT)} names an invalid generation "${name}"`);
  return name;
}

/** Write data and fsync it, so a committed generation survives a crash of the machine too. */
export async function writeFileDurable(path: string, data: string | Uint8Array): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** The commit point: rename is atomic on POSIX, so CURRENT names either the old or the new generation. */
export async function writeCurrent(indexDir: string, generation: string): Promise<void> {
  const tmp = join(indexDir, `${CURRENT}.tmp`);
  await writeFileDurable(tmp, `${generation}\n`);
  await rename(tmp, join(indexDir, CURRENT));
  await fsyncPath(indexDir);
}

/** Remove every generation folder not in `keep` (older ones and leftovers of interrupted builds). */
export async function removeGenerations(indexDir: string, keep: ReadonlySet<string>): Promise<void> {
  const entries = await readdir(indexDir, { withFileTypes: true });
  for (const e of entries) {
    if (e.isDirectory() && GENERATION.test(e.name) && !keep.has(e.name)) {
      await rm(join(indexDir, e.name), { recursive: true, force: true });
    }
  }
  await rm(join(indexDir, `${CURRENT}.tmp`), { force: true });
}
