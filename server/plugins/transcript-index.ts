import fp from 'fastify-plugin';
import type { OpenIndex } from '../../ingest/index-store/types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The transcript index, opened once at start. Declare `dependencies: ['transcript-index']` to use it. */
    index: OpenIndex;
  }
}

export const transcriptIndexPlugin = fp<{ index: OpenIndex }>(
  async (app, { index }) => {
    app.decorate('index', index);
  },
  { name: 'transcript-index' },
);
