// The dense index is a few HNSW graphs ("segments"), each over a batch of calls, so that
// (1) a cold build inserts into several graphs at once, one thread each, and (2) an ingest that
// adds calls builds one small graph for them while the others are kept byte for byte (a
// generation is never modified, so the new one hard-links their files). A graph's labels are
// its own insertion numbers; a small per-generation map turns them into chunk ordinals, -1 for
// a chunk removed or updated since (left in the graph to keep it navigable, filtered out of
// results), so that a removal rewrites no graph either.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILES } from '../generations/layout.ts';
import type { Manifest } from '../types.ts';

export interface SegmentMeta {
  /** Graph file name inside the generation folder. */
  file: string;
  /** Label map file name (Int32 per label: chunk ordinal or -1); absent: labels are ordinals. */
  labels?: string;
  /** Points in the graph. */
  nodes: number;
  /** Points that are chunks of this generation (the others are dead). */
  live: number;
}

/** Segments of a manifest; an index written before segments has one graph labelled by ordinal. */
export function segmentsOf(manifest: Manifest): SegmentMeta[] {
  return manifest.hnsw.segments ?? [{ file: FILES.hnsw, nodes: manifest.chunkCount, live: manifest.chunkCount }];
}

export function segmentFiles(id: number): { file: string; labels: string } {
  return { file: `hnsw-${id}.bin`, labels: `hnsw-${id}.labels` };
}

/** The next free segment number after those of `segments`. */
export function nextSegmentId(segments: readonly SegmentMeta[]): number {
  let max = -1;
  for (const s of segments) {
    const m = /^hnsw-(\d+)\.bin$/.exec(s.file);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

export function readLabelsSync(dir: string, segment: SegmentMeta): Int32Array | undefined {
  if (!segment.labels) return undefined;
  const bytes = readFileSync(join(dir, segment.labels));
  if (bytes.byteLength !== segment.nodes * 4) throw new Error(`${segment.labels} holds ${bytes.byteLength / 4} labels, expected ${segment.nodes}`);
  return bytes.byteOffset % 4 === 0 ? new Int32Array(bytes.buffer, bytes.byteOffset, segment.nodes) : new Int32Array(bytes.slice().buffer);
}
