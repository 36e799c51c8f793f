import { describe, expect, it } from 'vitest';
import { makeApp } from './support/test-app.ts';

describe('rate limit', () => {
  it('turns the third request in a minute into a 429 problem when RATE_LIMIT_PER_MIN=2', async () => {
    const app = await makeApp({ RATE_LIMIT_PER_MIN: '2' });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await app.inject({ url: '/v1/calls' })).statusCode);
    const res = await app.inject({ url: '/v1/calls' });
    await app.close();
    expect(codes).toEqual([200, 200, 429]);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.json()).toMatchObject({ status: 429, code: 'rate_limited:api', title: 'Too Many Requests' });
  });

  it('counts clients separately', async () => {
    const app = await makeApp({ RATE_LIMIT_PER_MIN: '1' });
    const a = await app.inject({ url: '/v1/calls', remoteAddress: '10.0.0.1' });
    const b = await app.inject({ url: '/v1/calls', remoteAddress: '10.0.0.2' });
    const a2 = await app.inject({ url: '/v1/calls', remoteAddress: '10.0.0.1' });
    await app.close();
    expect([a.statusCode, b.statusCode, a2.statusCode]).toEqual([200, 200, 429]);
  });

  it('never limits the health probes', async () => {
    const app = await makeApp({ RATE_LIMIT_PER_MIN: '1' });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await app.inject({ url: '/healthz' })).statusCode);
    await app.close();
    expect(codes).toEqual([200, 200, 200]);
  });

  it('never limits the page, its assets or /docs: only /v1', async () => {
    const app = await makeApp({ RATE_LIMIT_PER_MIN: '1' });
    const codes = [];
    for (const url of ['/', '/', '/calls/x', '/docs/json', '/docs/json', '/v1/calls', '/v1/calls']) codes.push((await app.inject({ url })).statusCode);
    await app.close();
    expect(codes).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });

  it('is off when RATE_LIMIT_PER_MIN=0', async () => {
    const app = await makeApp({ RATE_LIMIT_PER_MIN: '0' });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await app.inject({ url: '/v1/calls' })).statusCode);
    await app.close();
    expect(codes).toEqual([200, 200, 200, 200, 200]);
  });
});
