// hnswlib-node adapter: build once at ingest with fixed parameters and seed (reproducible builds),
// load the saved graph at start (never rebuild).
import hnswlib from 'hnswlib-node';
import type { HierarchicalNSW } from 'hnswlib-node';

export interface HnswParams {
  M: number;
  efConstruction: number;
  efSearch: number;
}

export const DEFAULT_HNSW: HnswParams = { M: 16, efConstruction: 200, efSearch: 64 };
const SEED = 100;
const PROGRESS_EVERY = 256;

export async function buildHnsw(
  path: string,
  flat: Float32Array,
  dim: number,
  params: HnswParams,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const count = flat.length / dim;
  const index = new hnswlib.HierarchicalNSW('cosine', dim);
  index.initIndex(Math.max(1, count), params.M, params.efConstruction, SEED);
  for (let i = 0; i < count; i++) {
    index.addPoint(Array.from(flat.subarray(i * dim, (i + 1) * dim)), i);
    if ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === count) {
      onProgress?.(i + 1, count);
      // Yield now and then so a progress bar repaints and signals are handled during a long build.
      await new Promise((r) => setImmediate(r));
    }
  }
  index.setEf(params.efSearch);
  await index.writeIndex(path);
}

export async function loadHnsw(path: string, dim: number, efSearch: number): Promise<HierarchicalNSW> {
  const index = new hnswlib.HierarchicalNSW('cosine', dim);
  await index.readIndex(path);
  index.setEf(efSearch);
  return index;
}
