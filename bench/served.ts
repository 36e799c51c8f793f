import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { COMPILED_MAIN, compiledIsStale, compileServer } from '../server/compile.ts';

// The server a benchmark loads: what `npm start` runs (the compiled build, made first if a source
// is newer), in its own process, so its figures are the served product's. Through tsx the same
// sources measured ~10% slower under /v1/ask load (3,342–3,447 against 3,621–3,872 req/s).

const ROOT = path.resolve(import.meta.dirname, '..');

export interface Served {
  url: string;
  /** What ran: the compiled build, or the sources through tsx when no build could be made. */
  entry: string;
  stop(): Promise<void>;
}

/** Starts the server on `indexDir` (offline answers, no rate limit, no API keys, warnings only) and resolves once /readyz answers. */
export async function startServed(indexDir: string, env: Record<string, string | undefined> = {}): Promise<Served> {
  const args = await entryArgs();
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // API_KEYS empty, not unset: a key in the environment or in .env would turn every request away.
    env: { ...process.env, INDEX_DIR: indexDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MIN: '0', API_KEYS: '', EMBEDDER: 'local', LLM_PROVIDER: 'none', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await untilReady(url, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, entry: path.relative(ROOT, args.at(-1)!), stop };
}

async function entryArgs(): Promise<string[]> {
  try {
    if (compiledIsStale()) await compileServer();
    return [COMPILED_MAIN];
  } catch (error) {
    process.stderr.write(`could not compile the server (${error instanceof Error ? error.message : String(error)}): measuring the sources through tsx\n`);
    return ['--import', 'tsx', path.join(ROOT, 'server/main.ts')];
  }
}

async function untilReady(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited before it was ready (code ${child.exitCode ?? child.signalCode})`);
    const ok = await fetch(`${url}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server was not ready within ${timeoutMs / 1000} s`);
}

/** A port free now (the kernel's pick), for the server to listen on. */
async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}
