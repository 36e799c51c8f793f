// Writes a complete new generation folder, then commits it by renaming CURRENT over the old
// pointer. Anything that fails or is killed before the rename leaves the previous index live;
// its leftovers are removed by the next successful write. The previous generation is kept (one
// back) so a server that read CURRENT just before the switch can still finish loading it.
import { copyFile, link, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { analyze, ANALYZER_VERSION } from '../text/analyze.ts';
import { buildLexical, type LexicalFiles } from './lexical/bm25-build.ts';
import { IndexStoreError } from './errors.ts';
import type { GraphPlan } from './dense/graph-build.ts';
import { segmentFiles } from './dense/graph-segments.ts';
import { DEFAULT_HNSW, startHnswBuild, type HnswBuild } from './dense/hnsw.ts';
import type { PreparedParts } from './generations/parts-writer.ts';
import { FILES, fsyncPath, newGenerationName, readCurrent, removeGenerations, writeCurrent, writeFileDurable } from './generations/layout.ts';
import { acquireLock } from './generations/lock.ts';
import { StoreWriter } from './chunk-store/store-writer.ts';
import { CALL_META_VERSION, INDEX_FORMAT_VERSION, type IndexData, type Manifest } from './types.ts';
import { packVectors, writeVectorsDurable } from './dense/vectors.ts';

export interface WriteIndexOptions {
  M?: number;
  efConstruction?: number;
  efSearch?: number;
  /** Called as HNSW insertion advances (the slow part); may throw to abort the write. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The graph segments, planned and fed while the vectors were produced (its parameters replace
   * M/efConstruction/efSearch): the write saves new ones and links kept ones. Default: one graph
   * built here.
   */
  graph?: GraphPlan;
  /** The lexical index of `data.chunks`, when the caller built it as the chunks came. */
  lexical?: LexicalFiles;
  /**
   * Vectors, chunks and call documents already written into this generation folder as the
   * ingest went (parts-writer.ts): `data` then carries only the embedder, chunking and files.
   */
  prewritten?: PreparedParts;
  /** The caller already holds the index lock (an ingest holds it from reading the previous index on). */
  lockHeld?: boolean;
  /** Filled with wall-clock seconds per write phase (pack, vectors, store, bm25, hnsw wait, commit). */
  timings?: Record<string, number>;
}

function stopwatch(timings: Record<string, number> | undefined): (phase: string) => void {
  let mark = performance.now();
  return (phase) => {
    const now = performance.now();
    if (timings) timings[phase] = (timings[phase] ?? 0) + (now - mark) / 1000;
    mark = now;
  };
}

function validate(data: IndexData): void {
  const { dimensions } = data.embedder;
  const bad = (msg: string) => new IndexStoreError('invalid_data', msg);
  if (!Number.isInteger(dimensions) || dimensions <= 0) throw bad(`embedder dimensions must be a positive integer, got ${dimensions}`);
  if (data.vectors.length !== data.chunks.length) throw bad(`${data.chunks.length} chunks but ${data.vectors.length} vectors`);
  data.vectors.forEach((v, i) => {
    if (v.length !== dimensions) throw bad(`vector ${i} (${data.chunks[i].id}) has ${v.length} dimensions, expected ${dimensions}`);
    for (let j = 0; j < v.length; j++) if (!Number.isFinite(v[j])) throw bad(`vector ${i} (${data.chunks[i].id}) is not finite`);
  });
}

async function writeGeneration(dir: string, data: IndexData, manifest: Manifest, opts: WriteIndexOptions): Promise<void> {
  const lap = stopwatch(opts.timings);
  const dim = data.embedder.dimensions;
  let vectorBytes: Uint8Array | undefined;
  let plan = opts.graph;
  let building: HnswBuild[];
  if (plan) {
    const nodes = plan.segments.reduce((n, s) => n + s.meta.live, 0);
    if (nodes !== manifest.chunkCount) throw new IndexStoreError('invalid_data', `the graph segments hold ${nodes} chunks, not ${manifest.chunkCount}`);
    building = plan.segments.map((s) => ('stream' in s ? s.stream.save(join(dir, s.meta.file)) : linkOrCopy(s.linkFrom, join(dir, s.meta.file))));
  } else {
    vectorBytes = packVectors(data.vectors, dim);
    lap('write.pack');
    // The graph is built on the other core while this thread writes everything else.
    const meta = { ...segmentFiles(0), nodes: data.vectors.length, live: data.vectors.length };
    plan = { params: manifest.hnsw, segments: [] };
    building = [startHnswBuild(join(dir, meta.file), vectorBytes.buffer as SharedArrayBuffer, dim, manifest.hnsw, opts.onProgress)];
    plan.segments.push({ meta, ordinals: Int32Array.from({ length: meta.nodes }, (_, i) => i), linkFrom: '' });
  }
  manifest.hnsw.segments = plan.segments.map((s) => s.meta);
  const hnsw = {
    finished: Promise.all(building.map((b) => b.finished)).then((seconds) => Math.max(0, ...seconds)),
    cancel: async () => void (await Promise.all(building.map((b) => b.cancel()))),
  };
  hnsw.finished.catch(() => undefined);
  try {
    if (!opts.prewritten) {
      if (vectorBytes) await writeFileDurable(join(dir, FILES.vectors), vectorBytes);
      else await writeVectorsDurable(join(dir, FILES.vectors), data.vectors, dim);
      lap('write.vectors');
      await writeStore(dir, data);
      lap('write.store');
    }
    const lexical = opts.lexical ?? buildLexical(data.chunks.length, (i) => analyze(data.chunks[i].embedText));
    await writeFileDurable(join(dir, FILES.lexicalTerms), JSON.stringify(lexical.terms));
    await writeFileDurable(join(dir, FILES.lexicalPostings), lexical.postings);
    lap('write.bm25');
    for (const seg of plan.segments) await writeFileDurable(join(dir, seg.meta.labels!), new Uint8Array(seg.ordinals.buffer, seg.ordinals.byteOffset, seg.ordinals.byteLength));
    const hnswSeconds = await hnsw.finished;
    lap('write.hnswWait');
    if (opts.timings) opts.timings['hnsw.build (worker, overlapped)'] = hnswSeconds;
  } catch (error) {
    // Stop the worker before the caller removes the folder it writes into.
    await hnsw.cancel();
    throw error;
  }
  for (const seg of plan.segments) await fsyncPath(join(dir, seg.meta.file));
  // The manifest goes last: a generation folder with a manifest is a complete one.
  await writeFileDurable(join(dir, FILES.manifest), JSON.stringify(manifest, null, 2));
  await fsyncPath(dir);
  lap('write.commit');
}

export async function writeIndex(indexDir: string, data: IndexData, opts: WriteIndexOptions = {}): Promise<Manifest> {
  if (!opts.prewritten) validate(data);
  else if (opts.prewritten.dimensions !== data.embedder.dimensions) throw new IndexStoreError('invalid_data', `vectors of ${opts.prewritten.dimensions} dimensions, the embedder has ${data.embedder.dimensions}`);
  const manifest: Manifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    analyzer: ANALYZER_VERSION,
    callMeta: CALL_META_VERSION,
    embedder: { id: data.embedder.id, dimensions: data.embedder.dimensions },
    createdAt: new Date().toISOString(),
    chunkCount: opts.prewritten?.chunkCount ?? data.chunks.length,
    hnsw: {
      space: 'cosine',
      M: opts.graph?.params.M ?? opts.M ?? DEFAULT_HNSW.M,
      efConstruction: opts.graph?.params.efConstruction ?? opts.efConstruction ?? DEFAULT_HNSW.efConstruction,
      efSearch: opts.graph?.params.efSearch ?? opts.efSearch ?? DEFAULT_HNSW.efSearch,
    },
    ...(data.chunking ? { chunking: { maxTokens: data.chunking.maxTokens } } : {}),
    files: data.files,
  };
  await mkdir(indexDir, { recursive: true });
  const release = opts.lockHeld ? async () => {} : await acquireLock(indexDir);
  const generation = opts.prewritten?.name ?? newGenerationName();
  const dir = join(indexDir, generation);
  try {
    const previous = await readCurrent(indexDir).catch(() => undefined);
    if (!opts.prewritten) await mkdir(dir);
    try {
      await writeGeneration(dir, data, manifest, opts);
      await writeCurrent(indexDir, generation);
    } catch (err) {
      // Only remove the new folder if the commit did not happen (the rename may precede a failing fsync).
      if ((await readCurrent(indexDir).catch(() => undefined)) !== generation) {
        await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      }
      throw err;
    }
    // Committed: failing to tidy up must not report the ingest as failed (the next write retries).
    await removeGenerations(indexDir, new Set(previous ? [generation, previous] : [generation])).catch(() => undefined);
    return manifest;
  } finally {
    await release();
  }
}

async function writeStore(dir: string, data: IndexData): Promise<void> {
  const store = await StoreWriter.begin(dir, { keepDocs: true });
  try {
    for (const doc of data.calls) await store.addCall(doc);
    for (const chunk of data.chunks) await store.addChunk(chunk);
  } catch (error) {
    await store.abort();
    throw error;
  }
  await store.finish();
}

/** A kept graph file: a generation is never modified, so the new one may share the old one's file. */
function linkOrCopy(from: string, to: string): HnswBuild {
  const done = link(from, to).catch(() => copyFile(from, to)).then(() => 0);
  done.catch(() => undefined);
  return { finished: done, cancel: async () => void (await done.catch(() => undefined)) };
}
