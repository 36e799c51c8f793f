import { mkdir } from 'node:fs/promises';
import { collectFiles } from './collect-files.ts';
import type { Embedder } from './embedders/embedder.ts';
import { hasCurrentCallMeta, type IndexData, type Manifest, type ManifestFile } from './index-store/types.ts';
import { removeAbandoned } from './index-store/generations/abandoned.ts';
import { diskFullError, IndexStoreError } from './index-store/errors.ts';
import { LexicalBuilder } from './index-store/lexical/bm25-build.ts';
import { GraphBuilder } from './index-store/dense/graph-build.ts';
import { acquireLock } from './index-store/generations/lock.ts';
import { PartsWriter } from './index-store/generations/parts-writer.ts';
import { analyze } from './text/analyze.ts';
import { readPreviousIndex } from './index-store/generations/previous.ts';
import { allUnchanged, describeFailure, embedMissing, keptFile, loadFile, uploadedSources, type FileResult, type KnownHashes, type Outcome } from './load-file.ts';
import { findLiveGeneration } from './index-store/generations/load-generation.ts';
import { planIngest, type PlanItem } from './plan.ts';
import { writeIndex } from './index-store/write.ts';
import { defaultWorkerCount, ParsePool } from './parse-pool.ts';

export interface IngestOptions {
  /** Files and folders to add or update; the index's other calls stay unless `prune` or `removeIds`. */
  paths: string[];
  /** Transcripts given as bytes (uploads), named like files given directly. */
  files?: { name: string; bytes: Uint8Array }[];
  /** Remove the index's calls whose file is not among `paths`/`files`. */
  prune?: boolean;
  /** Call ids to remove (an unknown id fails the ingest before anything is written). */
  removeIds?: string[];
  indexDir: string;
  embedder: Embedder;
  chunkMaxTokens: number;
  /**
   * Worker threads that parse, chunk and (local embedder) embed files; 0 does it all on the main
   * thread. Default: one per available core, when there are at least ${'`'}MIN_FILES_FOR_WORKERS${'`'} files
   * to parse (starting a worker costs a few hundred milliseconds).
   */
  workers?: number;
  onEvent?: (event: IngestEvent) => void;
}

const MIN_FILES_FOR_WORKERS = 16;

export type IngestEvent =
  | { type: 'files'; total: number }
  | { type: 'notice'; message: string }
  | { type: 'file'; file: string; status: 'parsed' | 'reused' | 'skipped'; message?: string }
  | { type: 'embed'; done: number; total: number }
  | { type: 'write'; done: number; total: number };

export interface SkippedFile {
  file: string;
  line?: number;
  message: string;
}

export interface IngestSummary {
  indexDir: string;
  /** Files given (paths and uploads). */
  files: number;
  /** Given files parsed: added + updated. */
  parsed: number;
  /** Given files unchanged since the previous index. */
  reused: number;
  /** Calls new to the index. */
  added: number;
  /** Calls whose file changed. */
  updated: number;
  /** Calls taken out (prune or remove). */
  removed: number;
  removedIds: string[];
  /** Previous calls whose file was not given, kept as they were. */
  kept: number;
  /** False when nothing changed: no new generation was written. */
  changed: boolean;
  skipped: SkippedFile[];
  turns: number;
  chunks: number;
  embedded: number;
  seconds: number;
  /**
   * Wall-clock seconds per phase, in order: collect (list files), previous (read the live index),
   * parse (read, hash, parse, annotate, chunk), embed, then the write's own phases (see writeIndex).
   */
  timings: Record<string, number>;
  /** Undefined when nothing could be indexed (the previous index, if any, is left as it was). */
  manifest?: Manifest;
}


/**
 * Adds and updates transcripts in the index (parse, chunk, embed; unchanged files are reused, the
 * index's other calls kept unless pruned or removed), then writes a new generation atomically.
 * When nothing changes, nothing is written.
 */
export async function ingest(opts: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  let mark = started;
  const lap = (phase: string) => {
    const now = performance.now();
    timings[phase] = (timings[phase] ?? 0) + (now - mark) / 1000;
    mark = now;
  };
  const emit = opts.onEvent ?? (() => {});
  // The lock comes first and is held to the commit: a second ingest of the same folder fails now,
  // not after parsing and embedding everything, and two ingests that both add calls cannot both
  // start from the same previous index (the second commit would drop the first's calls). Holding
  // it, what crashed ingests left behind can go.
  const diskFull = (error: unknown) => diskFullError(error, opts.indexDir) ?? error;
  await mkdir(opts.indexDir, { recursive: true }).catch((error: unknown) => {
    throw diskFull(error);
  });
  const release = await acquireLock(opts.indexDir).catch((error: unknown) => {
    throw diskFull(error);
  });
  let parts: PartsWriter | undefined;
  let committed = false;
  try {
  const removedLeftovers = await removeAbandoned(opts.indexDir);
  if (removedLeftovers.length) emit({ type: 'notice', message: `removed what interrupted ingests left in ${opts.indexDir}: ${removedLeftovers.join(', ')}` });
  const sources = [...(await collectFiles(opts.paths)), ...uploadedSources(opts.files ?? [])];
  lap('collect');
  emit({ type: 'files', total: sources.length });

  // An index of another format or analyzer version, or a damaged one, is rebuilt from the sources given.
  const unreadable = (error: unknown) => {
    if (error instanceof IndexStoreError && (error.code === 'format' || error.code === 'corrupt')) {
      emit({ type: 'notice', message: `${error.message.replace(/: re-run .*$/, '')}; rebuilding it from the files given` });
      return undefined;
    }
    throw error;
  };
  const live = await findLiveGeneration(opts.indexDir).catch(unreadable);
  const plan = planIngest(live?.manifest.files ?? [], sources, opts);
  if (plan.unknownIds.length > 0) throw new Error(`The index in ${opts.indexDir} holds no call with id ${plan.unknownIds.join(', ')}`);
  const compatible =
    live !== undefined &&
    live.manifest.embedder.id === opts.embedder.id &&
    live.manifest.chunking?.maxTokens === opts.chunkMaxTokens &&
    hasCurrentCallMeta(live.manifest);
  const keptCount = plan.items.filter((i) => i.kind === 'kept').length;
  if (live && !compatible && keptCount > 0) {
    throw new Error(
      `The index in ${opts.indexDir} was built with other settings (embedder, chunk size or call metadata version) and holds ` +
        `${keptCount} call(s) whose files were not given: ingest all of its files again, or add --prune to drop the others`,
    );
  }
  const baseSummary = { indexDir: opts.indexDir, files: sources.length, removed: plan.removed.length, removedIds: plan.removed.map((f) => f.callId), kept: keptCount };
  // Nothing to do (every file given is unchanged, nothing removed): the live generation stays.
  const hashes: KnownHashes = new Map();
  if (live && compatible && plan.removed.length === 0 && (await allUnchanged(plan.items, hashes))) {
    lap('previous');
    const m = live.manifest;
    return {
      ...baseSummary,
      parsed: 0,
      reused: sources.length,
      added: 0,
      updated: 0,
      changed: false,
      skipped: [],
      turns: m.files.reduce((n, f) => n + f.turns, 0),
      chunks: m.chunkCount,
      embedded: 0,
      seconds: (performance.now() - started) / 1000,
      timings,
      manifest: m,
    };
  }
  const previous = live ? await readPreviousIndex(opts.indexDir).catch(unreadable) : undefined;
  lap('previous');
  const reusable = compatible || (previous?.manifest.embedder.id === opts.embedder.id && previous.manifest.chunking?.maxTokens === opts.chunkMaxTokens);

  const results: FileResult[] = [];
  const skipped: SkippedFile[] = [];
  const seenIds = new Set<string>();
  let reused = 0;
  let added = 0;
  let updated = 0;
  let embeddedInWorkers = 0;
  // Files are read and parsed ahead (in workers when there are several), at most `window` at a
  // time so memory stays bounded, and taken in plan order: ordinals and duplicate-id checks do
  // not depend on which worker finishes first.
  const toParse = plan.items.filter((i) => i.kind === 'source').length;
  const workerCount = opts.workers ?? (toParse >= MIN_FILES_FOR_WORKERS ? defaultWorkerCount() : 0);
  let pool: ParsePool | undefined;
  const parser = (): ParsePool | undefined => {
    if (workerCount > 0) pool ??= new ParsePool(workerCount);
    return pool;
  };
  const window = Math.max(1, workerCount * 4);
  const inflight = new Map<number, Promise<Outcome>>();
  let next = 0;
  const prior = reusable ? previous : undefined;
  const items = plan.items;
  // The lexical index and the HNSW graphs are built as files come, in ordinal order: the graphs in
  // their own workers from the first file on, so that insertion (the longest part) overlaps parsing.
  // Chunks that were in the previous index keep their place in its graphs (graph-build.ts).
  const lexical = new LexicalBuilder(prior?.lexical);
  const priorGraph = prior?.graph && { ...prior.graph, dir: prior.dir, params: prior.manifest.hnsw };
  const removedChunks = plan.removed.reduce((n, f) => n + f.chunks, 0);
  const graph = new GraphBuilder(priorGraph, removedChunks, (done, total) => emit({ type: 'write', done, total }));
  // Each file, once its vectors are known, goes to the graphs and is written out (parts-writer.ts),
  // then only its manifest entry stays in memory.
  let flushed = 0;
  let turns = 0;
  const entries: ManifestFile[] = [];
  const flush = async () => {
    for (; flushed < results.length; flushed++) {
      const r = results[flushed];
      parts ??= await PartsWriter.begin(opts.indexDir, prior && { dir: prior.dir, store: prior.store });
      if ('prior' in r) {
        const { vectors, block } = r.prior.stored;
        const dim = prior!.manifest.embedder.dimensions;
        // Read at most once, and only when the graphs or the vector file need them.
        let span: Float32Array | undefined;
        const read = () => (span ??= vectors());
        graph.add(r.prior.chunkCount, (j) => read().subarray(j * dim, (j + 1) * dim), r.priorFirstOrdinal);
        await parts.copy({ ...r.prior.stored, vectors: read }, dim);
        turns += block.turns[1] - block.turns[0];
      } else {
        const vectors = r.vectors;
        if (!vectors) break;
        graph.add(vectors.length, (j) => vectors[j], r.priorFirstOrdinal);
        await parts.append(r.doc, r.chunks, vectors);
        turns += r.doc.turns.length;
      }
      entries.push(r.entry);
      // Only its manifest entry stays.
      results[flushed] = { entry: r.entry, reused: r.reused, embedded: r.embedded, doc: undefined as never, chunks: [], vectors: [] };
    }
  };
  const load = (item: PlanItem): Promise<FileResult> =>
    item.kind === 'kept' ? keptFile(item.prior, prior) : loadFile(item.source, opts, parser, prior, hashes);
  try {
  try {
  for (let i = 0; i < items.length; i++) {
    while (next < items.length && next < i + window) {
      inflight.set(
        next,
        load(items[next]).then(
          (result): Outcome => ({ ok: true, result }),
          (error: unknown): Outcome => ({ ok: false, error }),
        ),
      );
      next++;
    }
    const item = items[i];
    const name = item.kind === 'kept' ? item.prior.file : item.source.relative;
    const outcome = await inflight.get(i)!;
    inflight.delete(i);
    if (!outcome.ok) {
      const skip = describeFailure(name, outcome.error);
      skipped.push(skip);
      emit({ type: 'file', file: name, status: 'skipped', message: skip.message });
      continue;
    }
    const result = outcome.result;
    if (seenIds.has(result.entry.callId)) {
      const message = `call id ${result.entry.callId} is already taken by another file; rename one of them`;
      skipped.push({ file: name, message });
      emit({ type: 'file', file: name, status: 'skipped', message });
      continue;
    }
    seenIds.add(result.entry.callId);
    if (item.kind === 'source') {
      if (result.reused) reused++;
      else if (item.prior) updated++;
      else added++;
    }
    embeddedInWorkers += result.embedded;
    if (item.kind === 'source') emit({ type: 'file', file: name, status: result.reused ? 'reused' : 'parsed' });
    results.push(result);
    if ('prior' in result) {
      if (prior?.lexical) lexical.keep(result.priorFirstOrdinal, result.prior.chunkCount);
      else for (const c of result.prior.chunks()) lexical.addDocument(analyze(c.embedText));
    } else {
      if (result.terms) lexical.addDocuments(result.terms.vocabulary, result.terms.ids, result.terms.ends);
      else if (result.priorFirstOrdinal !== undefined && prior?.lexical) lexical.keep(result.priorFirstOrdinal, result.chunks.length);
      else for (const c of result.chunks) lexical.addDocument(analyze(c.embedText));
      result.terms = undefined;
    }
    await flush();
  }
  } finally {
    await Promise.all(inflight.values());
    await pool?.close();
  }

  lap('parse');
  const embedded = embeddedInWorkers + (await embedMissing(results.slice(flushed), opts.embedder, emit));
  await flush();
  lap('embed');
  const chunkCount = parts?.written ?? 0;
  if (chunkCount === 0 && plan.removed.length > 0) {
    throw new Error(`Removing ${plan.removed.length} call(s) would leave the index in ${opts.indexDir} empty: delete the folder instead`);
  }
  const summary: IngestSummary = {
    ...baseSummary,
    parsed: added + updated,
    reused,
    added,
    updated,
    changed: false,
    skipped,
    turns,
    chunks: chunkCount,
    embedded,
    seconds: 0,
    timings,
  };
  if (parts && chunkCount > 0) {
    const prewritten = await parts.finish();
    lap('write.parts');
    const data: IndexData = {
      embedder: { id: opts.embedder.id, dimensions: prewritten.dimensions },
      chunking: { maxTokens: opts.chunkMaxTokens },
      calls: [],
      chunks: [],
      vectors: [],
      files: entries,
    };
    summary.manifest = await writeIndex(opts.indexDir, data, {
      onProgress: (done, total) => emit({ type: 'write', done, total }),
      graph: graph.finish(),
      lexical: lexical.finish(),
      prewritten,
      lockHeld: true,
      timings,
    });
    committed = true;
    summary.changed = true;
    mark = performance.now();
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
  } finally {
    // Stops a graph build that was not saved (nothing to index, or a failure before the write).
    await graph.cancel();
  }
  } catch (error) {
    throw diskFull(error);
  } finally {
    if (!committed) await parts?.abort();
    await release();
  }
}
