import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { App } from '../../server/app.ts';
import { AppError } from '../../server/errors.ts';
import { makeApp } from './support/test-app.ts';

// The error handler is checked through the real app, with a few probe routes that throw what
// real routes will throw.
describe('error responses', () => {
  let app: App;
  beforeAll(async () => {
    app = await makeApp({ BODY_LIMIT_BYTES: '2048' });
    app.post('/probe/echo', { schema: { body: z.object({ question: z.string().min(1) }) } }, async (req) => req.body);
    app.get('/probe/crash', async () => {
      throw new Error('secret path /srv/data/index exploded');
    });
    app.get('/probe/upstream', async () => {
      throw new AppError('upstream:llm', 'provider said 401 for key sk-live-123');
    });
    app.get('/probe/exposed', async () => {
      throw new AppError('unavailable:index', 'index is rebuilding', { expose: true });
    });
  });
  afterAll(() => app.close());

  const isProblem = (res: { headers: Record<string, unknown> }) =>
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);

  it('answers an unknown route with a 404 problem', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope?x=1' });
    expect(res.statusCode).toBe(404);
    isProblem(res);
    expect(res.json()).toEqual({
      type: 'urn:transcript-qa:problem:not_found:route',
      title: 'Not Found',
      status: 404,
      detail: 'No route for GET /nope',
      code: 'not_found:route',
      instance: '/nope',
    });
  });

  it('answers malformed JSON with a 400, not a 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/probe/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"question": ',
    });
    expect(res.statusCode).toBe(400);
    isProblem(res);
    expect(res.json().code).toBe('bad_request:request');
  });

  it('answers an unsupported content type with a 415', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/probe/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<q/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('unsupported_media_type:request');
  });

  it('answers a body over BODY_LIMIT_BYTES with a 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/probe/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ question: 'x'.repeat(4096) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large:request');
  });

  it('names the invalid body field', async () => {
    const res = await app.inject({ method: 'POST', url: '/probe/echo', payload: { question: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.question', message: expect.any(String) }]);
    const missing = await app.inject({ method: 'POST', url: '/probe/echo', payload: {} });
    expect(missing.json().errors[0].path).toBe('body.question');
  });

  it('hides the details of an unexpected error and gives the request id', async () => {
    const res = await app.inject({ url: '/probe/crash', headers: { 'x-request-id': 'req-42' } });
    expect(res.statusCode).toBe(500);
    isProblem(res);
    const body = res.json();
    expect(body).toMatchObject({ status: 500, code: 'internal:server', title: 'Internal Server Error' });
    expect(body.detail).toContain('req-42');
    expect(res.body).not.toContain('exploded');
  });

  it('derives the status from the kind and keeps 5xx messages out of the body', async () => {
    const res = await app.inject({ url: '/probe/upstream' });
    expect(res.statusCode).toBe(502);
    expect(res.json().code).toBe('upstream:llm');
    expect(res.body).not.toContain('sk-live-123');
  });

  it('shows a 5xx message the thrower marked as safe', async () => {
    const res = await app.inject({ url: '/probe/exposed' });
    expect(res.statusCode).toBe(503);
    expect(res.json().detail).toBe('index is rebuilding');
  });
});

describe('AppError', () => {
  it.each([
    ['bad_request:search', 400],
    ['unauthorized:api', 401],
    ['not_found:call', 404],
    ['rate_limited:api', 429],
    ['upstream:llm', 502],
    ['unavailable:index', 503],
  ] as const)('%s has status %i', (code, status) => {
    const error = new AppError(code, 'x');
    expect(error.status).toBe(status);
    expect(error.exposeMessage).toBe(status < 500);
  });
});
