import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSeedIndex, SEEDS_DIR } from '../support/seed-index.ts';

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

describe('server/main.ts', () => {
  it('serves the index, then drains and exits 0 on SIGTERM', async () => {
    const server = start({ INDEX_DIR: await buildSeedIndex() });
    const url = await Promise.race([server.url, server.exited.then(() => Promise.reject(new Error(server.output())))]);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');
    expect(server.output()).toContain('shutdown complete');
  }, 60_000);

  it('builds the index from TRANSCRIPTS_DIR when there is none yet', async () => {
    const indexDir = path.join(await mkdtemp(path.join(tmpdir(), 'tqa-main-')), 'index');
    const server = start({ INDEX_DIR: indexDir, TRANSCRIPTS_DIR: SEEDS_DIR });
    const url = await Promise.race([server.url, server.exited.then(() => Promise.reject(new Error(server.output())))]);
    const calls = await (await fetch(`${url}/v1/calls`)).json();
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('no index yet: ingesting transcripts');
    expect(calls.calls.length).toBeGreaterThan(0);
  }, 120_000);

  it('refuses to start on a bad setting, naming the variable', async () => {
    const server = start({ PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/PORT: .*"eighty"/);
  }, 30_000);
});
