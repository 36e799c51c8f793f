// A search thread: opens the generation the server serves and runs searches and offline answers
// for it, replying with the JSON body the route sends. See search-pool.ts for why.
import { parentPort, workerData } from 'node:worker_threads';
import { createEmbedder } from '../../../ingest/embedders/create.ts';
import { openIndex } from '../../../ingest/index-store/read.ts';
import { createRag } from '../create-rag.ts';
import { searchReply } from '../search-reply.ts';
import type { ThreadInit, ThreadReply, ThreadTask } from './messages.ts';

const port = parentPort!;
const init = workerData as ThreadInit;
const post = (reply: ThreadReply, transfer?: ArrayBuffer[]) => port.postMessage(reply, transfer);
const utf8 = new TextEncoder();

try {
  const embedder = await createEmbedder(init.config);
  const index = await openIndex(init.indexDir, { expectEmbedderId: embedder.id, generationDir: init.generationDir, shared: init.shared });
  // Offline answers only: an LLM answer is a network wait, which the server's own thread does best.
  const rag = await createRag({ ...init.config, LLM_PROVIDER: 'none' }, index, embedder);
  port.on('message', (task: ThreadTask) => {
    const started = performance.now();
    const run = task.op === 'search' ? rag.retrieve(task.query, task.opts).then((r) => searchReply(r, started)) : rag.ask.ask(task.req);
    run.then(
      (body) => {
        // Encoded here and handed over, not copied: the server's thread writes the bytes as they are.
        const json = utf8.encode(JSON.stringify(body));
        post({ kind: 'done', id: task.id, json }, [json.buffer as ArrayBuffer]);
      },
      (error: unknown) => post({ kind: 'error', id: task.id, name: (error as Error)?.name ?? 'Error', message: (error as Error)?.message ?? String(error) }),
    );
  });
  post({ kind: 'ready' });
} catch (error) {
  post({ kind: 'failed', name: (error as Error).name, message: (error as Error).message });
}
