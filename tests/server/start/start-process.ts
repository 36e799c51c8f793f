import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT, TSX_LOADER } from '../../support/run-script.ts';

// main.ts as an operator runs it, from any folder: a real process whose output the tests read.

export interface Started {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Resolves with the JSON `ready` line's fields once the server listens. */
  ready: Promise<Record<string, unknown>>;
}

export function startMain(env: Record<string, string>, cwd = ROOT): Started {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(ROOT, 'server/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let resolveReady: (fields: Record<string, unknown>) => void;
  const ready = new Promise<Record<string, unknown>>((resolve) => (resolveReady = resolve));
  const onData = (data: Buffer) => {
    text += data;
    const line = text.split('\n').find((l) => l.includes('"msg":"ready"'));
    if (line) resolveReady(JSON.parse(line) as Record<string, unknown>);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited, ready };
}

/** The ready line, or the output of a process that exited before it. */
export function whenReady(server: Started): Promise<Record<string, unknown>> {
  return Promise.race([server.ready, server.exited.then(() => Promise.reject(new Error(server.output())))]);
}

export async function stop(server: Started): Promise<void> {
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  await server.exited;
}
