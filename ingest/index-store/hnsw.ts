// hnswlib-node adapter: build once at ingest with fixed parameters and seed (reproducible builds),
// load the saved graph at start (never rebuild).
import hnswlib from 'hnswlib-node';
import type { HierarchicalNSW } from 'hnswlib-node';
import { Worker } from 'node:worker_threads';

export interface HnswParams {
  M: number;
  efConstruction: number;
  efSearch: number;
}

// efConstruction 100: half the build time of 200 for a recall@10 loss we could not measure on our vectors.
export const DEFAULT_HNSW: HnswParams = { M: 16, efConstruction: 100, efSearch: 64 };
const SEED = 100;
const PROGRESS_EVERY = 256;

export interface HnswBuild {
  /** Resolves with the worker's build seconds when the graph file is written; rejects if the build fails or `onProgress` throws. */
  finished: Promise<number>;
  /** Stops the worker between two insertions and waits for it to exit (used when the rest of the write failed). */
  cancel(): Promise<void>;
}

/** Starts building the graph in a worker thread, writing it to `path`. `vectors` is shared, not copied. */
export function startHnswBuild(
  path: string,
  vectors: SharedArrayBuffer,
  dim: number,
  params: HnswParams,
  onProgress?: (done: number, total: number) => void,
): HnswBuild {
  const stop = new SharedArrayBuffer(4);
  const worker = new Worker(new URL('./hnsw-build-worker.mjs', import.meta.url), {
    workerData: { path, vectors, dim, ...params, seed: SEED, progressEvery: PROGRESS_EVERY, stop },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const cancel = async () => {
    Atomics.store(new Int32Array(stop), 0, 1);
    await exited;
  };
  const finished = new Promise<number>((resolve, reject) => {
    worker.on('message', (msg: { type: 'progress'; done: number; total: number } | { type: 'done'; seconds: number } | { type: 'cancelled' }) => {
      if (msg.type === 'done') return resolve(msg.seconds);
      if (msg.type === 'cancelled') return reject(new Error('HNSW build cancelled'));
      try {
        onProgress?.(msg.done, msg.total);
      } catch (error) {
        reject(error);
        void cancel();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`HNSW build worker exited with code ${code}`)));
  });
  finished.catch(() => undefined); // observed by the caller; avoid an unhandled rejection meanwhile
  return { finished, cancel };
}

export async function loadHnsw(path: string, dim: number, efSearch: number): Promise<HierarchicalNSW> {
  const index = new hnswlib.HierarchicalNSW('cosine', dim);
  await index.readIndex(path);
  index.setEf(efSearch);
  return index;
}
