import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSeedIndex, ingestIntoTemp, SEEDS_DIR } from '../support/seed-index.ts';

// The entry point as an operator runs it: a real process on loopback, stopped by a signal.
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  url: Promise<string>;
}

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let resolveUrl: (url: string) => void;
  const url = new Promise<string>((resolve) => (resolveUrl = resolve));
  const onData = (data: Buffer) => {
    text += data;
    const match = /"msg":"ready"/.test(text) && /"url":"(http:[^"]+)"/.exec(text);
    if (match) resolveUrl(match[1]);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited, url };
}

function listening(server: Started): Promise<URL> {
  return Promise.race([server.url, server.exited.then(() => Promise.reject(new Error(server.output())))]).then((u) => new URL(u));
}

/** Marks an index as written by an earlier format version; returns its manifest's path. */
async function ageManifest(indexDir: string): Promise<string> {
  const file = path.join(indexDir, (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim(), 'manifest.json');
  await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), formatVersion: 2 }));
  return file;
}

/** A request whose body is still arriving: in flight for the server, with no slow route needed. */
async function startPartialRequest(url: URL) {
  const body = JSON.stringify({ question: 'what was revenue growth?' });
  const socket = connect(Number(url.port), url.hostname);
  let text = '';
  socket.on('data', (d) => (text += d));
  const response = new Promise<string>((resolve) => socket.on('close', () => resolve(text)));
  await new Promise((resolve) => socket.on('connect', resolve));
  socket.write(`POST /v1/drain-probe HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
  socket.write(body.slice(0, 10));
  await sleep(200);
  return { finish: () => socket.write(body.slice(10)), response };
}

describe('server/main.ts', () => {
  it('serves the index, then drains and exits 0 on SIGTERM', async () => {
    const server = start({ INDEX_DIR: await buildSeedIndex() });
    const url = (await listening(server)).origin;
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');
    expect(server.output()).toContain('shutdown complete');
  }, 60_000);

  it('finishes a request that is in flight when SIGTERM arrives', async () => {
    const server = start({ INDEX_DIR: await buildSeedIndex() });
    const probe = await startPartialRequest(await listening(server));
    server.child.kill('SIGTERM');
    await sleep(300);
    expect(server.output()).toContain('shutting down');
    probe.finish();
    const response = await probe.response;
    expect(response).toMatch(/^HTTP\/1\.1 404/);
    expect(response).toMatch(/connection: close/i);
    expect(response).toContain('not_found:route');
    expect(await server.exited).toBe(0);
  }, 60_000);

  it('exits at once on a second signal, without waiting for requests', async () => {
    const server = start({ INDEX_DIR: await buildSeedIndex() });
    const probe = await startPartialRequest(await listening(server));
    server.child.kill('SIGTERM');
    await sleep(300);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('second signal');
    await probe.response;
  }, 60_000);

  it('builds the index from TRANSCRIPTS_DIR when there is none yet', async () => {
    const indexDir = path.join(await mkdtemp(path.join(tmpdir(), 'tqa-main-')), 'index');
    const server = start({ INDEX_DIR: indexDir, TRANSCRIPTS_DIR: SEEDS_DIR });
    const url = (await listening(server)).origin;
    const calls = await (await fetch(`${url}/v1/calls`)).json();
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('no index yet: ingesting transcripts');
    expect(calls.calls.length).toBeGreaterThan(0);
  }, 120_000);

  it('rebuilds an index an earlier version wrote from TRANSCRIPTS_DIR when that holds all its files', async () => {
    const indexDir = await ingestIntoTemp([SEEDS_DIR], 'tqa-main-old-');
    await ageManifest(indexDir);
    const server = start({ INDEX_DIR: indexDir, TRANSCRIPTS_DIR: SEEDS_DIR });
    const url = (await listening(server)).origin;
    const calls = await (await fetch(`${url}/v1/calls`)).json();
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('was written by another version: rebuilding it from');
    expect(calls.calls.length).toBe(2);
  }, 120_000);

  it('keeps an earlier version\'s index and says how to rebuild it when TRANSCRIPTS_DIR lacks some of its files', async () => {
    const indexDir = await ingestIntoTemp([SEEDS_DIR], 'tqa-main-old-');
    const manifest = await ageManifest(indexDir);
    const partial = await mkdtemp(path.join(tmpdir(), 'tqa-main-partial-'));
    const [first] = await readdir(SEEDS_DIR);
    await copyFile(path.join(SEEDS_DIR, first), path.join(partial, first));
    const server = start({ INDEX_DIR: indexDir, TRANSCRIPTS_DIR: partial });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('rebuild it with npm run ingest');
    expect(await readFile(manifest, 'utf8')).toContain('"formatVersion":2');
  }, 120_000);

  it('refuses to start on a bad setting, naming the variable', async () => {
    const server = start({ PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/PORT: .*"eighty"/);
  }, 30_000);
});
