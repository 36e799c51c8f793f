import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { makeApp } from './support/test-app.ts';

describe('API keys on /v1', () => {
  let app: App;
  beforeAll(async () => {
    app = await makeApp({ API_KEYS: 'key-one, key-two' });
  });
  afterAll(() => app.close());

  it('rejects a request without a key with a 401 problem', async () => {
    const res = await app.inject({ url: '/v1/calls' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json()).toMatchObject({ status: 401, code: 'unauthorized:api' });
  });

  it.each(['Bearer wrong', 'Bearer key-one-and-more', 'Bearer key', 'Basic key-one', 'key-one'])(
    'rejects Authorization: %s',
    async (authorization) => {
      const res = await app.inject({ url: '/v1/calls', headers: { authorization } });
      expect(res.statusCode).toBe(401);
    },
  );

  it.each(['key-one', 'key-two'])('accepts the configured key %s', async (key) => {
    const res = await app.inject({ url: '/v1/calls', headers: { authorization: `Bearer ${key}` } });
    expect(res.statusCode).toBe(200);
  });

  it('leaves probes and docs open', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/docs/json' })).statusCode).toBe(200);
  });

  it('checks keys before anything else on /v1, even for unknown calls', async () => {
    const res = await app.inject({ url: '/v1/calls/whatever/lines' });
    expect(res.statusCode).toBe(401);
  });
});

describe('without API_KEYS', () => {
  it('serves /v1 to anyone', async () => {
    const app = await makeApp();
    const res = await app.inject({ url: '/v1/calls' });
    await app.close();
    expect(res.statusCode).toBe(200);
  });
});
