// Builds the chat page with Vite into server/web/dist. Run by `npm install` (prepare), by
// `npm start` (prestart, only when the build is missing or older than its sources) and by the
// browser tests. Usage: tsx server/web/build.ts [--if-stale] [--optional]
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WEB_DIST_DIR, WEB_ROOT } from './paths.ts';

const SOURCES = ['index.html', 'vite.config.ts', 'src'];

function newestSource(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestSource(path.join(entry, name))));
}

/** True when dist/index.html is missing or older than any source file of the page. */
export function webBuildIsStale(): boolean {
  const built = path.join(WEB_DIST_DIR, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((s) => newestSource(path.join(WEB_ROOT, s)) > builtAt);
}

export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB_ROOT, 'vite.config.ts') });
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
