import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { webRoutes } from '../../server/routes/web/index.ts';
import { ensureWebBuilt } from '../../server/web/build.ts';
import { makeApp } from '../server/support/test-app.ts';

describe('web page routes (built page)', () => {
  let app: App;
  beforeAll(async () => {
    await ensureWebBuilt();
    app = await makeApp();
  }, 60_000);
  afterAll(() => app.close());

  it('serves index.html at / and at /calls/:id, revalidated on every load, under the strict CSP', async () => {
    for (const url of ['/', '/calls/000_4ea6a2434226ac97']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.body).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
      // Nothing inline for the CSP to block, nothing from another origin.
      expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });

  it('serves the hashed assets as immutable for a year', async () => {
    const html = (await app.inject('/')).body;
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const res = await app.inject(asset);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('leaves the API its problem+json 404s (no catch-all route)', async () => {
    for (const url of ['/v1/nope', '/assets/missing.js', '/calls/a/b']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('web page routes (page not built)', () => {
  it('serves a placeholder that says how to build, and logs a warning instead of failing', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'tqa-web-'));
    const warnings: string[] = [];
    const app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => void warnings.push(line) } } });
    await app.register(webRoutes, { distDir: empty });
    for (const url of ['/', '/calls/x']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('npm run build:web');
    }
    expect(warnings.join('')).toContain('npm run build:web');
    await app.close();
  });

  it('serves a build without hashed assets as revalidated files', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'tqa-web-'));
    await mkdir(path.join(dist, 'assets'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>t</title>');
    await writeFile(path.join(dist, 'assets', 'a-1.js'), 'export {}');
    await writeFile(path.join(dist, 'robots.txt'), '');
    const app = Fastify();
    await app.register(webRoutes, { distDir: dist });
    expect((await app.inject('/robots.txt')).headers['cache-control']).toBe('no-cache');
    expect((await app.inject('/assets/a-1.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await app.close();
  });
});
