import { availableParallelism } from 'node:os';
import fp from 'fastify-plugin';
import type { Embedder } from '../../ingest/embedders/embedder.ts';
import type { OpenIndex } from '../../ingest/index-store/types.ts';
import type { ServerConfig } from '../config.ts';
import { createRag, type Rag } from '../rag/create-rag.ts';
import { SearchPool, searchThreadCount } from '../rag/threads/search-pool.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Retrieval and answering over the index being served. Declare `dependencies: ['rag']` to use it. */
    readonly rag: Rag;
    /** Threads that search beside the server's own, when configured (SEARCH_THREADS); undefined otherwise. */
    readonly searchThreads: SearchPool | undefined;
  }
}

export interface RagPluginOptions {
  config: ServerConfig;
  embedder: Embedder;
}

export const ragPlugin = fp<RagPluginOptions>(
  async (app, { config, embedder }) => {
    const threadsFor = (index: OpenIndex): SearchPool | undefined => {
      const n = searchThreadCount(config.SEARCH_THREADS, index.chunks.length, availableParallelism());
      return n > 0 ? new SearchPool(n, { indexDir: config.INDEX_DIR, generationDir: index.dir, shared: index.shared, config }, app.log, index.chunks.length) : undefined;
    };
    let rag = await createRag(config, app.index, embedder, app.log);
    // Started once the server is ready, not awaited: until a thread has opened the index, the
    // server's thread searches alone. Started at registration, a thread opening its copy competed
    // with the rest of start-up for the 2 cores: /readyz on the 1,380-call index came 1.15–1.40 s
    // after spawn, against 1.14–1.28 s started once ready (6 runs each, alternated) and
    // 1.06–1.20 s with no thread.
    let threads = threadsFor(app.index);
    const first = threads;
    // setImmediate: after listen, which binds the port once ready() has settled.
    app.addHook('onReady', async () => void setImmediate(() => first?.start()));
    app.decorate('rag', { getter: () => rag });
    app.decorate('searchThreads', { getter: () => threads });
    // A new index generation gets its own retriever (catalog, scopes) and threads before it is served.
    app.library.onSwap(async (next) => {
      const fresh = await createRag(config, next, embedder, app.log);
      const freshThreads = threadsFor(next);
      freshThreads?.start();
      return () => {
        rag = fresh;
        const old = threads;
        threads = freshThreads;
        void old?.close();
      };
    });
    app.addHook('onClose', async () => {
      await threads?.close();
    });
    app.log.info({ mode: rag.mode, model: rag.llmModel, searchThreads: threads?.size ?? 0 }, 'answering mode');
  },
  { name: 'rag', dependencies: ['transcript-index'] },
);
