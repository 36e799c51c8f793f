import fp from 'fastify-plugin';
import type { Embedder } from '../../ingest/embedders/embedder.ts';
import type { ServerConfig } from '../config.ts';
import { createRag, type Rag } from '../rag/create-rag.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Retrieval and answering over the index being served. Declare `dependencies: ['rag']` to use it. */
    readonly rag: Rag;
  }
}

export interface RagPluginOptions {
  config: ServerConfig;
  embedder: Embedder;
}

export const ragPlugin = fp<RagPluginOptions>(
  async (app, { config, embedder }) => {
    let rag = await createRag(config, app.index, embedder, app.log);
    app.decorate('rag', { getter: () => rag });
    // A new index generation gets its own retriever (catalog, scopes) before it is served.
    app.library.onSwap(async (next) => {
      const fresh = await createRag(config, next, embedder, app.log);
      return () => {
        rag = fresh;
      };
    });
    app.log.info({ mode: rag.mode, model: rag.llmModel }, 'answering mode');
  },
  { name: 'rag', dependencies: ['transcript-index'] },
);
