import { basename } from 'node:path';
import fp from 'fastify-plugin';
import type { OpenIndex } from '../../ingest/index-store/types.ts';

/**
 * Prepares what depends on the index for a new one (off to the side, while requests are still
 * served from the old one); the returned function switches to it and must not fail.
 */
export type IndexSwapPreparer = (next: OpenIndex) => Promise<() => void>;

export interface IndexLibrary {
  /** The generation folder's name of the index being served. */
  readonly generation: string;
  /** Serves `next` from the next request on; requests in flight finish on the index they started with. */
  swap(next: OpenIndex): Promise<void>;
  onSwap(prepare: IndexSwapPreparer): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The transcript index being served (replaced when a new generation is swapped in). Declare `dependencies: ['transcript-index']` to use it. */
    readonly index: OpenIndex;
    library: IndexLibrary;
  }
}

export const generationOf = (index: OpenIndex): string => basename(index.dir);

export const transcriptIndexPlugin = fp<{ index: OpenIndex }>(
  async (app, { index }) => {
    let current = index;
    const preparers: IndexSwapPreparer[] = [];
    // One swap at a time: two new generations in quick succession are served in the order they came.
    let queue: Promise<void> = Promise.resolve();
    app.decorate('index', { getter: () => current });
    app.decorate('library', {
      get generation() {
        return generationOf(current);
      },
      swap(next: OpenIndex) {
        const run = queue.then(async () => {
          const commits = [];
          for (const prepare of preparers) commits.push(await prepare(next));
          current = next;
          for (const commit of commits) commit();
          app.log.info({ generation: generationOf(next), calls: next.calls.length, chunks: next.chunks.length }, 'serving index generation');
        });
        queue = run.catch(() => undefined);
        return run;
      },
      onSwap(prepare: IndexSwapPreparer) {
        preparers.push(prepare);
      },
    } satisfies IndexLibrary);
  },
  { name: 'transcript-index' },
);
