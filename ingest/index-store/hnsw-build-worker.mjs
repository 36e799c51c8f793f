// Builds and saves the HNSW graph off the main thread, so that the lexical index and the chunk
// store are written on the other core meanwhile (HNSW insertion is most of an ingest's time).
// Plain JavaScript: a worker thread does not inherit the TypeScript loader of tests or tsx.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const { HierarchicalNSW } = createRequire(import.meta.url)('hnswlib-node');
const { path, vectors, dim, M, efConstruction, efSearch, seed, progressEvery, stop } = workerData;
// Cancellation is a shared flag checked between insertions: terminating the thread during a
// native call aborts the whole process (napi_throw in a terminating environment).
const started = performance.now();
const stopped = new Int32Array(stop);
const flat = new Float32Array(vectors);
const count = flat.length / dim;
const index = new HierarchicalNSW('cosine', dim);
index.initIndex(Math.max(1, count), M, efConstruction, seed);
for (let i = 0; i < count; i++) {
  if (Atomics.load(stopped, 0) !== 0) {
    parentPort.postMessage({ type: 'cancelled' });
    process.exit(0);
  }
  index.addPoint(Array.from(flat.subarray(i * dim, (i + 1) * dim)), i);
  if ((i + 1) % progressEvery === 0 || i + 1 === count) parentPort.postMessage({ type: 'progress', done: i + 1, total: count });
}
index.setEf(efSearch);
index.writeIndexSync(path);
parentPort.postMessage({ type: 'done', seconds: (performance.now() - started) / 1000 });
