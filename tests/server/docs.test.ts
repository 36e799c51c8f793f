import { describe, expect, it } from 'vitest';
import { makeApp } from './support/test-app.ts';

describe('OpenAPI docs', () => {
  it('serves an OpenAPI document generated from the route schemas', async () => {
    const app = await makeApp();
    const res = await app.inject({ url: '/docs/json' });
    await app.close();
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/v1/calls', '/v1/calls/{id}/lines']),
    );
    const lines = doc.paths['/v1/calls/{id}/lines'].get;
    expect(lines.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'id', 's', 'to']);
    expect(Object.keys(lines.responses).sort()).toEqual(['200', '400', '401', '404', '429']);
    expect(Object.keys(lines.responses['404'].content)).toEqual(['application/problem+json']);
    const listed = doc.paths['/v1/calls'].get.responses['200'].content['application/json'].schema;
    expect(listed.properties.calls.items.required).toEqual(expect.arrayContaining(['id', 'file', 'turns', 'chunks']));
    // The Authorize button is there without keys too; such a server ignores the header.
    expect(doc.security).toEqual([{ apiKey: [] }]);
  });

  it('declares bearer auth when API keys are on, with the probes exempt', async () => {
    const app = await makeApp({ API_KEYS: 'k' });
    const doc = (await app.inject({ url: '/docs/json' })).json();
    await app.close();
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ apiKey: [] }]);
    expect(doc.paths['/healthz'].get.security).toEqual([]);
  });

  it('serves the Swagger UI page at /docs', async () => {
    const app = await makeApp();
    const res = await app.inject({ url: '/docs/' });
    await app.close();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('swagger-ui');
  });
});
