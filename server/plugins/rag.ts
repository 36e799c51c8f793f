import fp from 'fastify-plugin';
import type { Embedder } from '../../ingest/embedders/embedder.ts';
import type { ServerConfig } from '../config.ts';
import { createRag, type Rag } from '../rag/create-rag.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Retrieval and answering over the index. Declare `dependencies: ['rag']` to use it. */
    rag: Rag;
  }
}

export interface RagPluginOptions {
  config: ServerConfig;
  embedder: Embedder;
}

export const ragPlugin = fp<RagPluginOptions>(
  async (app, { config, embedder }) => {
    const rag = await createRag(config, app.index, embedder, app.log);
    app.decorate('rag', rag);
    app.log.info({ mode: rag.mode, model: rag.llmModel }, 'answering mode');
  },
  { name: 'rag', dependencies: ['transcript-index'] },
);
