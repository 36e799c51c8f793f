import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Embedder } from '../../../ingest/embedders/embedder.ts';
import { openIndex } from '../../../ingest/index-store/read.ts';
import type { OpenIndex } from '../../../ingest/index-store/types.ts';
import { ingest, type IngestEvent } from '../../../ingest/pipeline.ts';

export interface CachedIndexOptions {
  /** Short name of the corpus (e.g. `calls`): the cache folder is `<cacheDir>/<name>-<hash>`. */
  name: string;
  corpusDir: string;
  cacheDir: string;
  /** Folder whose every file is code that shapes an index (the project's ingest/). */
  ingestCodeDir: string;
  embedder: Embedder;
  chunkMaxTokens: number;
  onEvent?: (event: IngestEvent) => void;
  log?: (message: string) => void;
}

/** Files under `dir`, recursively, relative with `/` separators, sorted (stable across machines). */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * What an index depends on: the corpus (names, sizes, mtimes: re-hashing 67 MB of content on
 * every run would cost more than it saves), the ingest code byte for byte, and the settings.
 */
export async function indexFingerprint(opts: Pick<CachedIndexOptions, 'corpusDir' | 'ingestCodeDir' | 'embedder' | 'chunkMaxTokens'>): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`embedder ${opts.embedder.id}\nchunkMaxTokens ${opts.chunkMaxTokens}\n`);
  for (const file of await listFiles(opts.corpusDir)) {
    const info = await stat(path.join(opts.corpusDir, file));
    hash.update(`corpus ${file} ${info.size} ${info.mtimeMs}\n`);
  }
  for (const file of await listFiles(opts.ingestCodeDir)) {
    hash.update(`code ${file}\n`).update(await readFile(path.join(opts.ingestCodeDir, file))).update('\n');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Opens the cached index of a corpus when its fingerprint matches, otherwise builds it (and drops older builds of the same name). */
export async function openCachedIndex(opts: CachedIndexOptions): Promise<{ index: OpenIndex; reused: boolean; dir: string }> {
  const log = opts.log ?? (() => {});
  const fingerprint = await indexFingerprint(opts);
  const dir = path.join(opts.cacheDir, `${opts.name}-${fingerprint}`);
  const existing = await openIndex(dir, { expectEmbedderId: opts.embedder.id }).catch(() => undefined);
  if (existing) {
    log(`reusing index ${dir}`);
    return { index: existing, reused: true, dir };
  }
  log(`building index ${dir} from ${opts.corpusDir} (fingerprint changed or no cache)`);
  await mkdir(opts.cacheDir, { recursive: true });
  // Built beside its final name and renamed when complete, so an interrupted build is never reused.
  const partial = `${dir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  const summary = await ingest({
    paths: [opts.corpusDir],
    indexDir: partial,
    embedder: opts.embedder,
    chunkMaxTokens: opts.chunkMaxTokens,
    onEvent: opts.onEvent,
  });
  if (!summary.manifest) throw new Error(`nothing could be indexed from ${opts.corpusDir}`);
  if (summary.skipped.length > 0) log(`${summary.skipped.length} file(s) of ${opts.corpusDir} skipped by ingest (their questions count as misses)`);
  log(`built ${summary.chunks} chunks from ${summary.files} files in ${summary.seconds.toFixed(0)} s`);
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  await pruneOlder(opts.cacheDir, opts.name, path.basename(dir), log);
  return { index: await openIndex(dir, { expectEmbedderId: opts.embedder.id }), reused: false, dir };
}

async function pruneOlder(cacheDir: string, name: string, keep: string, log: (m: string) => void): Promise<void> {
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[0-9a-f]{16}(\\.partial-\\d+)?$`);
  for (const entry of await readdir(cacheDir)) {
    if (entry === keep || !pattern.test(entry)) continue;
    await rm(path.join(cacheDir, entry), { recursive: true, force: true });
    log(`pruned old index ${path.join(cacheDir, entry)}`);
  }
}
