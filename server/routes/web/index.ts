import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { WEB_DIST_DIR } from '../../web/paths.ts';
import { placeholderPage } from './placeholder.ts';

export interface WebRoutesOptions {
  /** The built page; defaults to WEB_DIST_DIR. */
  distDir?: string;
}

// Vite names every asset under assets/ by its content hash, so those never change under a URL;
// index.html names the current hashes and must be revalidated on every load.
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export const cacheControlFor = (relativePath: string): string =>
  /^assets\//.test(relativePath.replaceAll('\\', '/')) ? IMMUTABLE : REVALIDATE;

const hidden = { schema: { hide: true } };

/**
 * The chat page at `/` and its shareable passage URLs (`/calls/:id#L194-L204`, the fragment being
 * the page's business). Encapsulated: its @fastify/static instance and reply decorators stay here.
 * A missing build never stops the API: a placeholder page says how to build it.
 */
export const webRoutes: FastifyPluginAsync<WebRoutesOptions> = async (app, opts) => {
  const dist = opts.distDir ?? WEB_DIST_DIR;
  if (!existsSync(path.join(dist, 'index.html'))) {
    app.log.warn({ dist }, 'the web page is not built: run `npm run build:web`; serving a placeholder at /');
    const placeholder = (_: unknown, reply: FastifyReply) =>
      reply.code(200).type('text/html; charset=utf-8').header('cache-control', REVALIDATE).send(placeholderPage());
    app.get('/', hidden, placeholder);
    app.get('/calls/:id', hidden, placeholder);
    return;
  }

  await app.register(fastifyStatic, {
    root: dist,
    // One route per built file (globbed now) rather than a catch-all that would shadow the API's 404s.
    wildcard: false,
    dotfiles: 'ignore',
    cacheControl: false,
    setHeaders: (reply, file) => reply.header('cache-control', cacheControlFor(path.relative(dist, file))),
  });
  app.get('/calls/:id', hidden, (_request, reply) => reply.sendFile('index.html'));
};
