import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../server/app.ts';
import { listenApp, makeApp } from '../support/test-app.ts';

// /docs as a person uses it: every route has an example request, and each example works as sent.
describe('/docs request examples', () => {
  let app: App;
  let origin: string;
  beforeAll(async () => {
    ({ app, url: origin } = await listenApp({ API_KEYS: 'k-docs' }));
  });
  afterAll(() => app.close());

  it('gives every route an example that the server answers with 2xx', async () => {
    const doc = (await (await fetch(`${origin}/docs/json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string; example?: unknown }[]; requestBody?: { content: Record<string, { example?: unknown }> } }>>;
    };
    const tried: string[] = [];
    for (const [route, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const params = op.parameters ?? [];
        for (const p of params) if (p.in === 'path') expect(p.example, `${method} ${route} ${p.name}`).toBeDefined();
        const body = op.requestBody?.content['application/json']?.example;
        if (op.requestBody) expect(body, `${method} ${route} body`).toBeDefined();
        let url = route.replace(/\{(\w+)\}/g, (_, name: string) => String(params.find((p) => p.name === name)!.example));
        const query = params.filter((p) => p.in === 'query' && p.example !== undefined).map((p) => `${p.name}=${String(p.example)}`);
        if (query.length > 0) url += `?${query.join('&')}`;
        const response = await fetch(`${origin}${url}`, {
          method: method.toUpperCase(),
          headers: { authorization: 'Bearer k-docs', ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        expect(response.status, `${method.toUpperCase()} ${url}: ${await response.clone().text()}`).toBeLessThan(300);
        tried.push(`${method.toUpperCase()} ${route}`);
      }
    }
    expect(tried).toEqual(expect.arrayContaining(['POST /v1/ask', 'POST /v1/search', 'GET /v1/calls/{id}/lines', 'POST /v1/chat/completions']));
  }, 60_000);

  it('keeps the key entered with Authorize across reloads', async () => {
    const page = await (await fetch(`${origin}/docs/static/swagger-initializer.js`)).text();
    expect(page).toContain('"persistAuthorization":true');
  });
});

describe('problems on the OpenAI-compatible endpoint, as the official openai client shows them', () => {
  let app: App;
  let baseURL: string;
  beforeAll(async () => {
    app = await makeApp({ API_KEYS: 'k-right' });
    baseURL = `${await app.listen({ host: '127.0.0.1', port: 0 })}/v1`;
  });
  afterAll(() => app.close());

  it('a bad request: BadRequestError with the problem detail, type and code', async () => {
    const client = new OpenAI({ baseURL, apiKey: 'k-right', maxRetries: 0 });
    const error = await client.chat.completions.create({ model: 'transcript-qa', messages: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const e = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(e.message).not.toContain('no body');
    expect(e.message).toMatch(/^400 body\.messages/);
    expect(e.type).toBe('invalid_request_error');
    expect(e.code).toBe('bad_request:request');
    expect(e.param).toMatch(/^body\.messages/);
  });

  it('a wrong key: AuthenticationError that says so', async () => {
    const client = new OpenAI({ baseURL, apiKey: 'k-wrong', maxRetries: 0 });
    const error = await client.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as Error).message).toBe('401 Invalid API key');
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).type).toBe('authentication_error');
  });

  it('other routes keep plain problem+json', async () => {
    const response = await fetch(`${baseURL}/calls`, { headers: { authorization: 'Bearer k-wrong' } });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).not.toHaveProperty('error');
  });
});
