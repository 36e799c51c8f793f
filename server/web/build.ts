// Builds the chat page with Vite into server/web/dist. Run by `npm install` (prepare), by
// `npm start` (prestart, only when the build is missing or older than its sources) and by the
// browser tests. Usage: tsx server/web/build.ts [--if-stale] [--optional]
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { newestMtime } from '../build-state.mjs';
import { WEB_DIST_DIR, WEB_ROOT } from './paths.ts';

const SOURCES = ['index.html', 'vite.config.ts', 'src'];

/** True when dist/index.html is missing or older than any source file of the page. */
export function webBuildIsStale(): boolean {
  const built = path.join(WEB_DIST_DIR, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(WEB_ROOT, s)) > builtAt);
}

export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB_ROOT, 'vite.config.ts') });
}

const LOCK = `${WEB_DIST_DIR}.lock`;
const STALE_LOCK_MS = 120_000;

/**
 * Builds when stale, once even when several processes ask at the same time (test workers run in
 * parallel): a directory made atomically is the lock, and the build is re-checked under it.
 */
export async function ensureWebBuilt(): Promise<void> {
  if (!webBuildIsStale()) return;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A holder that died leaves its lock behind; after a generous build time it is taken over.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await sleep(100);
    }
  }
  try {
    if (webBuildIsStale()) await buildWeb();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

async function main(args: string[]): Promise<void> {
  if (args.includes('--if-stale') && !webBuildIsStale()) return;
  try {
    await import('vite');
  } catch {
    // Production installs (--omit=dev) have no Vite: the server then serves a placeholder page.
    const message = 'web page not built: Vite is not installed (install dev dependencies, then run npm run build:web)';
    if (args.includes('--optional')) {
      process.stderr.write(`warning: ${message}\n`);
      return;
    }
    throw new Error(message);
  }
  const started = performance.now();
  await buildWeb();
  process.stderr.write(`web page built into ${path.relative(process.cwd(), WEB_DIST_DIR)} in ${Math.round(performance.now() - started)} ms\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
