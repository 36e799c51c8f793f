import { dirname } from 'node:path';
import fp from 'fastify-plugin';
import { readCurrent } from '../../ingest/index-store/generations/layout.ts';
import { openIndex } from '../../ingest/index-store/read.ts';
import { generationOf } from './transcript-index.ts';

// Notices a new index generation (an ingest committed while the server runs) and serves it
// without a restart. Polling CURRENT, a file of a few bytes, is cheap and works on every file
// system (fs.watch misses renames on some network and container mounts).
export const indexWatchPlugin = fp<{ everyMs: number; embedderId: string }>(
  async (app, { everyMs, embedderId }) => {
    if (!(everyMs > 0)) return;
    const indexDir = dirname(app.index.dir);
    let failed: string | undefined;
    let busy = false;
    const check = async () => {
      const generation = await readCurrent(indexDir).catch(() => undefined);
      if (!generation || generation === app.library.generation || generation === failed) return;
      try {
        const next = await openIndex(indexDir, { expectEmbedderId: embedderId });
        if (generationOf(next) !== app.library.generation) await app.library.swap(next);
      } catch (error) {
        // Keep serving the current index; try again only when another generation appears.
        failed = generation;
        app.log.warn({ err: error, generation }, 'new index generation could not be opened: still serving the previous one');
      }
    };
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void check().finally(() => (busy = false));
    }, everyMs);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'index-watch', dependencies: ['transcript-index'] },
);
