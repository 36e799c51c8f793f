import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenIndex } from '../../../ingest/index-store/types.ts';
import type { App } from '../../../server/app.ts';
import { makeApp, seedIndex } from '../support/test-app.ts';
import { seedLines } from './seed-lines.ts';

const search = (app: App, payload: object) => app.inject({ method: 'POST', url: '/v1/search', payload });

describe('POST /v1/search', () => {
  let app: App;
  let index: OpenIndex;
  beforeAll(async () => {
    index = await seedIndex();
    app = await makeApp();
  });
  afterAll(() => app.close());

  it('returns ranked passages with their exact source lines and scores', async () => {
    const res = await search(app, { query: 'What was free cash flow in the fourth quarter?', k: 5 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.results).toHaveLength(5);
    expect(body).toMatchObject({ covered: true });
    expect(body.confidence).toBeGreaterThan(0);
    expect(body.tookMs).toBeGreaterThanOrEqual(0);
    for (const r of body.results) {
      // A result is one chunk of a turn, or consecutive chunks of one turn merged (turn-span.ts).
      const parts = index.chunks.filter((c) => c.file === r.file && c.startLine >= r.startLine && c.endLine <= r.endLine);
      expect(parts.length).toBeGreaterThan(0);
      expect(new Set(parts.map((c) => c.turnId)).size).toBe(1);
      expect(r).toMatchObject({ callId: parts[0].callId, speaker: parts[0].speaker, lines: parts.flatMap((c) => c.lines) });
      expect([r.startLine, r.endLine]).toEqual([parts[0].startLine, parts.at(-1)!.endLine]);
      // The text is the file's own words at those lines.
      expect(seedLines(r.file, r.startLine, r.endLine)).toContain(r.text.split('\n')[0]);
      expect(Object.keys(r.scores).sort()).toEqual(['dense', 'fused', 'lexical']);
    }
    const fused = body.results.map((r: { scores: { fused: number } }) => r.scores.fused);
    expect(fused).toEqual([...fused].sort((a, b) => b - a));
    expect(body.results.some((r: { file: string; startLine: number; endLine: number }) => r.file === '001_a68e11fc9e09f61d.txt' && r.startLine <= 132 && r.endLine >= 132)).toBe(true);
  });

  it('defaults to 8 results and reports what it understood', async () => {
    const res = await search(app, { query: 'What did the CFO say about R&D spending?' });
    const body = res.json();
    expect(body.results).toHaveLength(8);
    expect(body.understood.labels.some((l: string) => l.includes('CFO'))).toBe(true);
    expect(body.understood.searchText).not.toMatch(/\bCFO\b/);
  });

  it('restricts results to the calls named in filters.callIds', async () => {
    const callId = index.calls[1].call.id;
    const body = (await search(app, { query: 'revenue growth', filters: { callIds: [callId] } })).json();
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.every((r: { callId: string }) => r.callId === callId)).toBe(true);
  });

  it('returns nothing (never everything) for an unknown call id', async () => {
    const res = await search(app, { query: 'revenue growth', filters: { callIds: ['no-such-call'] } });
    expect(res.statusCode).toBe(200);
    expect(res.json().results).toEqual([]);
  });

  it('filters by speaker (partial name), role and section', async () => {
    const bySpeaker = (await search(app, { query: 'guidance', filters: { speakers: ['Tim Wan'] } })).json();
    expect(bySpeaker.results.length).toBeGreaterThan(0);
    expect(bySpeaker.results.every((r: { speaker: string }) => r.speaker === 'Tim M. Wan')).toBe(true);
    const analystsInQa = (await search(app, { query: 'guidance', filters: { roles: ['analyst'], sections: ['qa'] } })).json();
    expect(analystsInQa.results.length).toBeGreaterThan(0);
    expect(analystsInQa.results.every((r: { role: string; section: string }) => r.role === 'analyst' && r.section === 'qa')).toBe(true);
  });

  it.each([
    ['a missing query', {}, 'body.query'],
    ['a blank query', { query: '   ' }, 'body.query'],
    ['a query over 2000 characters', { query: 'x'.repeat(2001) }, 'body.query'],
    ['k = 0', { query: 'churn', k: 0 }, 'body.k'],
    ['k = 51', { query: 'churn', k: 51 }, 'body.k'],
    ['a fractional k', { query: 'churn', k: 2.5 }, 'body.k'],
    ['an unknown role', { query: 'churn', filters: { roles: ['ceo'] } }, 'body.filters.roles.0'],
    ['an unknown section', { query: 'churn', filters: { sections: ['intro'] } }, 'body.filters.sections.0'],
  ])('rejects %s with a 400 naming the field', async (_name, payload, field) => {
    const res = await search(app, payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, code: 'bad_request:request', instance: '/v1/search' });
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it.each([
    [{ query: 'churn', limit: 3 }, 'limit'],
    [{ query: 'churn', filters: { speaker: ['Tim'] } }, 'speaker'],
  ])('rejects unknown field %j, naming it', async (payload, field) => {
    const res = await search(app, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain(`"${field}"`);
  });
});
