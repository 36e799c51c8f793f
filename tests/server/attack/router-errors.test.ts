// Regression (issue 11, defect 4): errors raised before a route runs — Node's HTTP parser, its
// Expect handling, Fastify's router — were plain JSON (or empty), some quoting the URL back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../server/app.ts';
import { makeApp } from '../support/test-app.ts';
import { rawRequest, type RawResponse } from './raw-http.ts';

const isProblem = (res: RawResponse, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body);
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:transcript-qa:problem:/), code: expect.any(String) });
  return body;
};

describe('router-level errors are problem+json without the URL', () => {
  let app: App;
  let port: number;
  beforeAll(async () => {
    app = await makeApp();
    port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
  });
  afterAll(() => app.close());

  const get = (path: string, extra = '') => rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: x\r\n${extra}Connection: close\r\n\r\n`);

  it('bad percent-encoding: 400 problem, the URL not quoted', async () => {
    for (const path of ['/v1/calls/%E0%A4%A/lines', '/calls/%zz-secret-marker', '/v1/calls/%/lines']) {
      const res = await get(path);
      const body = isProblem(res, 400);
      expect(res.raw).not.toContain('secret-marker');
      expect(body.instance).toBeUndefined();
    }
  });

  it('unknown method and garbage: 400 problem', async () => {
    isProblem(await rawRequest(port, 'FOO / HTTP/1.1\r\nHost: x\r\n\r\n'), 400);
    isProblem(await rawRequest(port, 'hello there\r\n\r\n'), 400);
    isProblem(await rawRequest(port, 'POST /v1/ask HTTP/1.1\r\nHost: x\r\ncontent-length: abc\r\n\r\n'), 400);
  });

  it('a method the router knows no route for: 404 problem', async () => {
    isProblem(await rawRequest(port, 'PROPFIND /v1/ask HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), 404);
  });

  it('over-long URL or headers: 431 problem, nothing echoed', async () => {
    const long = `/x${'secret'.repeat(4000)}`;
    const res = await get(long);
    isProblem(res, 431);
    expect(res.raw).not.toContain('secretsecret');
    isProblem(await get('/', `X-Big: ${'a'.repeat(20_000)}\r\n`), 431);
  });

  it('an over-long path parameter: 414 problem, not plain JSON', async () => {
    const res = await get(`/v1/calls/${'a'.repeat(250)}/lines`);
    isProblem(res, 414);
    expect(res.raw).not.toContain('aaaaaaaaaa');
  });

  it('an unsupported Expect: 417 problem', async () => {
    const res = await rawRequest(port, 'POST /v1/ask HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}');
    isProblem(res, 417);
  });

  it('HTTP/1.1 without Host: 400 problem (Node would send an empty body)', async () => {
    isProblem(await rawRequest(port, 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n'), 400);
  });

  it('the 404 problem quotes at most 200 characters of the path', async () => {
    const res = await get(`/${'z'.repeat(5000)}`);
    const body = isProblem(res, 404);
    expect(body.instance.length).toBeLessThanOrEqual(200);
    expect(body.detail.length).toBeLessThan(300);
  });
});
