// A search thread: opens the generation the server serves and runs searches and offline answers
// for it, replying with the JSON body the route sends. See search-pool.ts for why.
import { parentPort, workerData } from 'node:worker_threads';
import { createEmbedder } from '../../../ingest/embedders/create.ts';
import { openIndex } from '../../../ingest/index-store/read.ts';
import { createRag } from '../create-rag.ts';
import { searchReply } from '../search-reply.ts';
import type { TaskResult, ThreadInit, ThreadReply, ThreadTask } from './messages.ts';

const RESULTS_PER_MESSAGE = 4;
const port = parentPort!;
const init = workerData as ThreadInit;
const post = (reply: ThreadReply, transfer?: ArrayBuffer[]) => port.postMessage(reply, transfer);
const utf8 = new TextEncoder();

try {
  const embedder = await createEmbedder(init.config);
  const index = await openIndex(init.indexDir, { expectEmbedderId: embedder.id, generationDir: init.generationDir, shared: init.shared });
  // Offline answers only: an LLM answer is a network wait, which the server's own thread does best.
  const rag = await createRag({ ...init.config, LLM_PROVIDER: 'none' }, index, embedder);
  // Results leave in small batches: those of tasks that arrived together go in one message, at
  // most RESULTS_PER_MESSAGE at a time, the rest once this turn has handled every message it
  // received (setImmediate). Each message wakes the server's thread, and a wake-up across cores
  // cost this thread ~20 µs of postMessage on the 2-core VM, 7% of its time under /v1/ask load
  // when each result went alone. A lone request (a quiet server) still leaves as soon as it is
  // answered. Measured (32 connections, 3 runs each, alternated): batches of at most 4 gave
  // 4,059–4,193 req/s and at most 2 4,061–4,189, against 3,457–3,948 one by one; unbounded
  // batches left this thread idle 7–20% of the time (the server's thread then wrote a burst of
  // replies and read a burst of requests while this one waited).
  let results: TaskResult[] = [];
  let transfers: ArrayBuffer[] = [];
  let flushScheduled = false;
  const flush = () => {
    if (results.length === 0) return;
    post({ kind: 'results', results }, transfers);
    results = [];
    transfers = [];
  };
  const endOfTurn = () => {
    flushScheduled = false;
    flush();
  };
  const settle = (result: TaskResult, transfer?: ArrayBuffer) => {
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(endOfTurn);
    }
    results.push(result);
    if (transfer) transfers.push(transfer);
    if (results.length >= RESULTS_PER_MESSAGE) flush();
  };
  port.on('message', (task: ThreadTask) => {
    const started = performance.now();
    const run = task.op === 'search' ? rag.retrieve(task.query, task.opts).then((r) => searchReply(r, started)) : rag.ask.ask(task.req);
    run.then(
      (body) => {
        // Encoded here and handed over, not copied: the server's thread writes the bytes as they are.
        const json = utf8.encode(JSON.stringify(body));
        settle({ kind: 'done', id: task.id, json }, json.buffer as ArrayBuffer);
      },
      (error: unknown) => settle({ kind: 'error', id: task.id, name: (error as Error)?.name ?? 'Error', message: (error as Error)?.message ?? String(error) }),
    );
  });
  post({ kind: 'ready' });
} catch (error) {
  post({ kind: 'failed', name: (error as Error).name, message: (error as Error).message });
}
