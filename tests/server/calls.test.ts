import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDocument, OpenIndex } from '../../ingest/index-store/types.ts';
import type { App } from '../../server/app.ts';
import { MAX_LINE_RANGE } from '../../server/routes/calls/schema.ts';
import { makeApp, seedIndex } from './support/test-app.ts';

describe('/v1/calls', () => {
  let app: App;
  let index: OpenIndex;
  let doc: CallDocument;
  beforeAll(async () => {
    index = await seedIndex();
    doc = index.calls[0];
    app = await makeApp();
  });
  afterAll(() => app.close());

  it('lists every indexed call with its counts', async () => {
    const res = await app.inject({ url: '/v1/calls' });
    expect(res.statusCode).toBe(200);
    const { calls } = res.json();
    expect(calls).toHaveLength(index.calls.length);
    expect(calls[0]).toMatchObject({
      id: doc.call.id,
      file: doc.call.file,
      title: doc.call.title,
      turns: doc.turns.length,
      chunks: doc.chunkCount,
    });
    const total = calls.reduce((n: number, c: { chunks: number }) => n + c.chunks, 0);
    expect(total).toBe(index.chunks.length);
  });

  it("serves each call's metadata: company, aliases, key, period and where the period came from", async () => {
    const { calls } = (await app.inject({ url: '/v1/calls' })).json();
    const byId = new Map(calls.map((c: { id: string }) => [c.id, c]));
    for (const { call } of index.calls) {
      expect(byId.get(call.id)).toMatchObject({
        company: call.company,
        companyAliases: call.companyAliases,
        companyKey: call.companyKey,
        fiscalQuarter: call.fiscalQuarter,
        fiscalYear: call.fiscalYear,
        fiscal: call.fiscal,
        periodSource: call.periodSource,
      });
    }
    const asana = calls.find((c: { title: string }) => c.title.includes('Q4 FY2023'));
    expect(asana).toMatchObject({ company: 'Asana', companyKey: 'name:asana', fiscalQuarter: 4, fiscalYear: 2023, fiscal: true, periodSource: 'text' });
    // Every call of one company shares its key.
    expect(new Set(calls.filter((c: { company?: string }) => c.company === 'Asana').map((c: { companyKey: string }) => c.companyKey)).size).toBe(1);
  });

  it('returns the English lines inside [from, to]', async () => {
    const first = doc.lines[3].n;
    const last = doc.lines[8].n;
    const res = await app.inject({ url: `/v1/calls/${doc.call.id}/lines?from=${first}&to=${last}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ callId: doc.call.id, file: doc.call.file, from: first, to: last });
    expect(body.lines).toEqual(doc.lines.slice(3, 9));
    expect(body.nextFrom).toBe(doc.lines[9].n);
  });

  it('reads from the first line when no range is given, and pages past the cap', async () => {
    const res = await app.inject({ url: `/v1/calls/${doc.call.id}/lines` });
    const body = res.json();
    expect(body.from).toBe(1);
    expect(body.to).toBe(MAX_LINE_RANGE);
    expect(body.lines[0]).toEqual(doc.lines[0]);
    expect(body.lines.every((l: { n: number }) => l.n <= MAX_LINE_RANGE)).toBe(true);
    const lastN = doc.lines.at(-1)!.n;
    if (lastN > MAX_LINE_RANGE) expect(body.nextFrom).toBeGreaterThan(MAX_LINE_RANGE);
    else expect(body.nextFrom).toBeUndefined();
  });

  it('rejects from > to with a 400 naming the field', async () => {
    const res = await app.inject({ url: `/v1/calls/${doc.call.id}/lines?from=20&to=10` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({ status: 400, code: 'bad_request:request', instance: `/v1/calls/${doc.call.id}/lines` });
    expect(body.errors).toEqual([{ path: 'querystring.to', message: 'must be greater than or equal to from' }]);
    expect(body.detail).toContain('querystring.to');
  });

  it.each([
    ['from=0', 'querystring.from'],
    ['from=abc', 'querystring.from'],
    ['to=1.5', 'querystring.to'],
    [`from=1&to=${MAX_LINE_RANGE + 1}`, 'querystring.to'],
  ])('rejects %s with a 400 naming %s', async (query, path) => {
    const res = await app.inject({ url: `/v1/calls/${doc.call.id}/lines?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('accepts a range of exactly the cap', async () => {
    const res = await app.inject({ url: `/v1/calls/${doc.call.id}/lines?from=5&to=${4 + MAX_LINE_RANGE}` });
    expect(res.statusCode).toBe(200);
  });

  it('answers an unknown call with a not_found:call problem', async () => {
    const res = await app.inject({ url: '/v1/calls/no-such-call/lines' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toEqual({
      type: 'urn:transcript-qa:problem:not_found:call',
      title: 'Not Found',
      status: 404,
      detail: 'No call with id no-such-call',
      code: 'not_found:call',
      instance: '/v1/calls/no-such-call/lines',
    });
  });
});
