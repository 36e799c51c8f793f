import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { makeApp, seedIndex } from './support/test-app.ts';

describe('health probes', () => {
  let app: App;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(() => app.close());

  it('GET /healthz says ok', async () => {
    const res = await app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz reports what the loaded index holds', async () => {
    const index = await seedIndex();
    const res = await app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ready',
      chunks: index.chunks.length,
      calls: index.calls.length,
      embedder: index.manifest.embedder.id,
      generation: path.basename(index.dir),
    });
    expect(index.chunks.length).toBeGreaterThan(0);
  });

  it('GET /readyz is a 503 problem when the index holds no chunks', async () => {
    // The real index seen through a view with nothing in it: all else stays real.
    const empty = Object.create(await seedIndex(), { chunks: { value: [] }, calls: { value: [] } });
    const bare = await makeApp({}, empty);
    const res = await bare.inject({ url: '/readyz' });
    await bare.close();
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 503, code: 'unavailable:index', title: 'Service Unavailable' });
  });

  it('sets security headers on every response', async () => {
    const res = await app.inject({ url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('sets the same security headers on error replies (set before routing, kept by the error handler)', async () => {
    const ok = await app.inject({ url: '/healthz' });
    const security = ['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy'];
    for (const res of [await app.inject({ url: '/v1/no-such-route' }), await app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '' } })]) {
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      for (const name of security) expect(res.headers[name], name).toBe(ok.headers[name]);
      expect(res.headers['x-request-id']).toBeDefined();
    }
  });

  it('echoes a well-formed x-request-id and replaces a malformed one', async () => {
    const kept = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\nwith newline' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
