// Regression (issue 11, defect 4): a call from nested folders got a 121-character id that was
// listed and searchable, but /v1/calls/:id/lines and /calls/:id answered 414 (maxParamLength 100).
import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CALL_ID_LENGTH, callIdFromPath } from '../../../ingest/formats/call-meta/call-id.ts';
import type { App } from '../../../server/app.ts';
import { ingestIntoTemp } from '../../support/seed-index.ts';
import { listenApp, openTestIndex } from '../support/test-app.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/transcripts/speaker-colon-timestamps.txt');
const NESTED = 'quarterly-business-reviews/northwind-fabrication-holdings/fiscal-year-two-thousand-twenty-six/second-half/customer-calls';

describe('long call ids open', () => {
  let app: App;
  let url: string;
  beforeAll(async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tqa-long-ids-'));
    const folder = path.join(root, 'calls', NESTED);
    await mkdir(folder, { recursive: true });
    await copyFile(FIXTURE, path.join(folder, 'weekly-sync-with-the-regional-operations-team.txt'));
    ({ app, url } = await listenApp({}, await openTestIndex(await ingestIntoTemp([path.join(root, 'calls')], 'tqa-long-ids-index-'))));
  });
  afterAll(() => app.close());

  it('ids of deep paths are cut with a hash of the whole path: short, stable, distinct', () => {
    const a = callIdFromPath(`${NESTED}/a-very-long-file-name-of-a-weekly-sync.txt`);
    const b = callIdFromPath(`${NESTED}/a-very-long-file-name-of-a-weekly-sync-2.txt`);
    expect(a.length).toBeLessThanOrEqual(MAX_CALL_ID_LENGTH);
    expect(a).not.toBe(b);
    expect(callIdFromPath(`${NESTED}/a-very-long-file-name-of-a-weekly-sync.txt`)).toBe(a);
  });

  it('a listed call opens through the API and the page', async () => {
    const { calls } = await (await fetch(`${url}/v1/calls`)).json();
    expect(calls).toHaveLength(1);
    const id: string = calls[0].id;
    expect(id.length).toBeLessThanOrEqual(MAX_CALL_ID_LENGTH);
    const lines = await fetch(`${url}/v1/calls/${encodeURIComponent(id)}/lines`);
    expect(lines.status).toBe(200);
    expect((await lines.json()).lines.length).toBeGreaterThan(0);
    expect((await fetch(`${url}/calls/${encodeURIComponent(id)}`)).status).toBe(200);
  });
});
