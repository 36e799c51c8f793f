import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../../ingest/embedders/local.ts';
import { openIndex } from '../../../ingest/index-store/read.ts';
import { ingest } from '../../../ingest/pipeline.ts';
import { buildApp, type App } from '../../../server/app.ts';
import { loadServerConfig } from '../../../server/config.ts';
import { ingestIntoTemp, SEEDS_DIR } from '../../support/seed-index.ts';

// POST /v1/calls and the swap to a new index generation, through real servers on loopback.
const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/transcripts');
const MEETING = [
  'Jane Doe: Welcome back, everyone. The zyphorium gripper passed the drop test on the second prototype, after we changed the finger pads and the spring in the wrist joint, and the cycle count is now twice what the first build managed.',
  'John Roe: What about the torque limits on the wrist motor? Last time they were the reason we could not ship the arm to the pilot customer, and I would like to know whether the new spring changes that at all.',
  'Jane Doe: They hold at forty newton metres with margin to spare, so the pilot can go ahead next month as planned, and we will send the test report to the customer this week.',
].join('\n') + '\n';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function serve(env: Record<string, string> = {}, indexWatchMs = 0) {
  const indexDir = await ingestIntoTemp([SEEDS_DIR], 'tqa-upload-');
  const embedder = new LocalEmbedder();
  app = await buildApp(loadServerConfig({ LOG_LEVEL: process.env.TLOG ?? 'silent', ...env }), { index: await openIndex(indexDir), embedder, indexWatchMs });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return { base, indexDir };
}

const ready = async (base: string) => (await (await fetch(`${base}/readyz`)).json()) as { generation: string; calls: number };
const search = (base: string, query: string) =>
  fetch(`${base}/v1/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, k: 3 }) });

describe('POST /v1/calls', () => {
  it('adds a JSON transcript and serves it at once, in a new generation', { timeout: 30_000 }, async () => {
    const { base } = await serve();
    const before = await ready(base);
    const res = await fetch(`${base}/v1/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: [{ name: 'Design Review.txt', text: MEETING }] }),
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.calls).toEqual([expect.objectContaining({ id: 'design-review', file: 'Design Review.txt', status: 'added' })]);
    expect(body.totalCalls).toBe(before.calls + 1);
    const after = await ready(base);
    expect(after.generation).toBe(body.generation);
    expect(after.generation).not.toBe(before.generation);
    const hits = (await (await search(base, 'zyphorium gripper drop test')).json()).results;
    expect(hits[0].callId).toBe("design-review");

    // The same file again changes nothing; an edited one updates the call.
    const again = await fetch(`${base}/v1/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ files: [{ name: 'Design Review.txt', text: MEETING }] }) });
    expect((await again.json()).calls[0].status).toBe('unchanged');
    const edited = await fetch(`${base}/v1/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: [{ name: 'Design Review.txt', base64: Buffer.from(`${MEETING}Jane Doe: One more thing.\n`).toString('base64') }] }),
    });
    expect((await edited.json()).calls[0].status).toBe('updated');
  });

  it('with search threads, a new generation gets its own threads, which search the new call', { timeout: 60_000 }, async () => {
    const { base } = await serve({ SEARCH_THREADS: '1' });
    const first = app!.searchThreads!;
    await first.whenStarted();
    const res = await fetch(`${base}/v1/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ files: [{ name: 'Design Review.txt', text: MEETING }] }) });
    expect(res.status).toBe(201);
    const threads = app!.searchThreads!;
    expect(threads).not.toBe(first);
    await threads.whenStarted();
    const hits = (await (await search(base, 'zyphorium gripper drop test')).json()).results;
    expect(hits[0].callId).toBe('design-review');
    expect(threads.handed).toBe(1);
    // The old generation's threads take no more work.
    const handed = first.handed;
    expect(await first.run({ op: 'search', query: 'revenue', opts: {} }, async () => 'here')).toEqual({ value: 'here' });
    expect(first.handed).toBe(handed);
  });

  it('takes multipart uploads with the same parsers (captions keep their file format)', { timeout: 30_000 }, async () => {
    const { base } = await serve();
    const form = new FormData();
    form.append('file', new Blob([await readFile(path.join(FIXTURES, 'support-call.srt'))]), 'support-call.srt');
    form.append('file', new Blob([MEETING]), 'standup.txt');
    const res = await fetch(`${base}/v1/calls`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    expect((await res.json()).calls.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      ['support-call', 'added'],
      ['standup', 'added'],
    ]);
  });

  it('names every file that cannot be parsed, with its line, and adds nothing (422 problem+json)', { timeout: 30_000 }, async () => {
    const { base } = await serve();
    const before = await ready(base);
    const res = await fetch(`${base}/v1/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: [{ name: 'ok.txt', text: MEETING }, { name: 'notes.txt', text: 'Just my notes.\nNothing said by anyone.\n' }, { name: 'blob.bin', base64: Buffer.from([0, 1, 2]).toString('base64') }] }),
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = await res.json();
    expect(problem.code).toBe('unprocessable:call');
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(['notes.txt', 'blob.bin']);
    expect(problem.errors[0].message).toMatch(/notes\.txt:1/);
    expect(problem.errors[1].message).toMatch(/binary/);
    expect((await ready(base)).generation).toBe(before.generation);

    // A name whose call id another file of the library already has.
    const seedFile = (await (await fetch(`${base}/v1/calls`)).json()).calls[0].file as string;
    const clash = await fetch(`${base}/v1/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: [{ name: seedFile.replace(/\.txt$/, '.vtt'), text: MEETING }] }),
    });
    expect(clash.status).toBe(422);
    expect((await clash.json()).errors[0].message).toMatch(/already taken/);
  });

  it('refuses bad bodies with 400 problem+json, never 500', { timeout: 30_000 }, async () => {
    const { base } = await serve();
    const post = (body: string, type = 'application/json') => fetch(`${base}/v1/calls`, { method: 'POST', headers: { 'content-type': type }, body });
    for (const res of [
      await post(JSON.stringify({ files: [] })),
      await post(JSON.stringify({ files: [{ name: '../etc/passwd', text: MEETING }] })),
      await post(JSON.stringify({ files: [{ name: 'a.txt', text: MEETING, base64: 'AA==' }] })),
      await post('--x\r\nbroken', 'multipart/form-data; boundary=x'),
    ]) {
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
  });

  it('is behind the API key when keys are set', { timeout: 30_000 }, async () => {
    const { base } = await serve({ API_KEYS: 'k1' });
    const body = JSON.stringify({ files: [{ name: 'a.txt', text: MEETING }] });
    const denied = await fetch(`${base}/v1/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(denied.status).toBe(401);
    const allowed = await fetch(`${base}/v1/calls`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer k1' }, body });
    expect(allowed.status).toBe(201);
  });
});

describe('a new index generation written by another process', () => {
  it('is served without a restart, with no request in flight dropped', { timeout: 60_000 }, async () => {
    const { base, indexDir } = await serve({ RATE_LIMIT_PER_MIN: '100000' }, 100);
    const before = await ready(base);
    let stop = false;
    const statuses: number[] = [];
    const load = (async () => {
      while (!stop) statuses.push(...(await Promise.all([1, 2, 3, 4].map(async () => (await search(base, 'revenue growth guidance')).status))));
    })();
    await ingest({ paths: [path.join(FIXTURES, 'zoom-name-prefix.vtt')], indexDir, embedder: new LocalEmbedder(), chunkMaxTokens: 300 });
    let after = before;
    for (let i = 0; i < 100 && after.generation === before.generation; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await ready(base);
    }
    stop = true;
    await load;
    expect(after.generation).not.toBe(before.generation);
    expect(after.calls).toBe(before.calls + 1);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});
