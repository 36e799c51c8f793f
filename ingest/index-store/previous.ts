// What an incremental ingest may reuse from the live index, grouped by source file, so unchanged
// files (same sha256) skip parsing and embedding.
import type { Chunk } from '../types.ts';
import { findLiveGeneration, loadGenerationData } from './load-generation.ts';
import type { CallDocument, Manifest, ManifestFile } from './types.ts';

export interface PreviousFile {
  entry: ManifestFile;
  doc: CallDocument;
  /** In their original order. */
  chunks: Chunk[];
  /** `vectors[i]` belongs to `chunks[i]`; views into one shared buffer. */
  vectors: Float32Array[];
}

export interface PreviousIndex {
  /** The live generation folder. */
  dir: string;
  /** Compare `manifest.embedder` with the current embedder before reusing any vector. */
  manifest: Manifest;
  /** By source path (`ManifestFile.file`). */
  files: Map<string, PreviousFile>;
}

/** Undefined when there is no index; throws when the index has another format version. */
export async function readPreviousIndex(indexDir: string): Promise<PreviousIndex | undefined> {
  const live = await findLiveGeneration(indexDir);
  if (!live) return undefined;
  const { chunks, calls, flat } = await loadGenerationData(live);
  const dim = live.manifest.embedder.dimensions;
  const docByFile = new Map(calls.map((c) => [c.call.file, c]));
  const files = new Map<string, PreviousFile>();
  for (const entry of live.manifest.files) {
    const doc = docByFile.get(entry.file);
    if (doc) files.set(entry.file, { entry, doc, chunks: [], vectors: [] });
  }
  chunks.forEach((chunk, i) => {
    const group = files.get(chunk.file);
    if (!group) return;
    group.chunks.push(chunk);
    group.vectors.push(flat.subarray(i * dim, (i + 1) * dim));
  });
  return { dir: live.dir, manifest: live.manifest, files };
}
