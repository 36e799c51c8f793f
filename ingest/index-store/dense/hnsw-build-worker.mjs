// Builds and saves the HNSW graph off the main thread, so that parsing, embedding and the rest of
// the index are done on the other cores meanwhile (HNSW insertion is most of an ingest's time).
// Two modes: `vectors` given (all at once, shared memory), or streamed: the ingest sends each
// file's vectors as soon as they are known, in final chunk order, then asks for the save.
// Plain JavaScript: a worker thread does not inherit the TypeScript loader of tests or tsx.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const { HierarchicalNSW } = createRequire(import.meta.url)('hnswlib-node');
const { path, vectors, dim, M, efConstruction, efSearch, seed, progressEvery, stop, capacity } = workerData;
const started = performance.now();
// Cancellation is a shared flag checked between insertions: terminating the thread during a
// native call aborts the whole process (napi_throw in a terminating environment).
const stopped = new Int32Array(stop);
const index = new HierarchicalNSW('cosine', dim);
let count = 0;
let room = 0;
let received = 0;
// addPoint takes a plain array (it copies it): one reused array instead of one per point.
const point = new Array(dim).fill(0);

function cancelIfAsked() {
  if (Atomics.load(stopped, 0) === 0) return;
  parentPort.postMessage({ type: 'cancelled' });
  process.exit(0);
}

function insert(flat, total) {
  const n = flat.length / dim;
  if (count + n > room) {
    // Grown by doubling; shrunk to the exact count before saving, so the file is the same as a one-shot build's.
    const size = Math.max(count + n, room * 2, 1);
    if (room === 0) index.initIndex(size, M, efConstruction, seed);
    else index.resizeIndex(size);
    room = size;
  }
  for (let i = 0; i < n; i++) {
    cancelIfAsked();
    for (let j = 0, o = i * dim; j < dim; j++) point[j] = flat[o + j];
    index.addPoint(point, count);
    count++;
    if (count % progressEvery === 0 || count === total) parentPort.postMessage({ type: 'progress', done: count, total });
  }
}

function save(file) {
  if (room === 0) index.initIndex(1, M, efConstruction, seed);
  else if (room > Math.max(1, count)) index.resizeIndex(Math.max(1, count));
  index.setEf(efSearch);
  index.writeIndexSync(file);
  parentPort.postMessage({ type: 'done', seconds: (performance.now() - started) / 1000 });
}

if (vectors) {
  const flat = new Float32Array(vectors);
  if (flat.length === 0) {
    save(path);
  } else {
    insert(flat, flat.length / dim);
    save(path);
  }
} else {
  if (capacity > 0) {
    index.initIndex(capacity, M, efConstruction, seed);
    room = capacity;
  }
  parentPort.on('message', (msg) => {
    if (msg.type === 'add') {
      received += msg.vectors.length / dim;
      insert(msg.vectors, received);
    } else if (msg.type === 'save') {
      cancelIfAsked();
      save(msg.path);
      process.exit(0);
    }
  });
}
