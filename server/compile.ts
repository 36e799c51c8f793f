// Compiles the server and the commands (and the ingest code they run) into JavaScript:
// dist/server/main.mjs, the search threads' dist/server/search-thread.mjs, dist/server/ingest.mjs
// with its parse workers' dist/server/parse-worker.mjs, and dist/server/ask.mjs, so `npm start`,
// `npm run ingest` and `npm run ask` do not transpile TypeScript at every start (measured: importing
// the app through tsx took 1.7–4 s of a start on the shared 2-core machine; a command ~0.3 s). Run
// by `npm install` (prepare) and by `npm start` (prestart, only when a source is newer than the
// build); the commands run their sources through tsx while the build is older than them.
// Usage: tsx server/compile.ts [--if-stale]
import { rmSync } from 'node:fs';
import path from 'node:path';
import { COMPILED_DIR, COMPILED_MAIN, compiledIsStale } from './build-state.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
export { COMPILED_MAIN, compiledIsStale };

export async function compileServer(): Promise<void> {
  const esbuild = await import('esbuild');
  const outDir = COMPILED_DIR;
  // Chunks are named by content hash: those of an earlier build would pile up.
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    // The search threads' entry too (server/rag/threads), beside main.mjs, where the pool looks for
    // it; and the ingest command, its parse workers and the ask command, which share most of their
    // code with the server (chunks).
    entryPoints: {
      main: path.join(ROOT, 'server/main.ts'),
      'search-thread': path.join(ROOT, 'server/rag/threads/search-thread.ts'),
      ingest: path.join(ROOT, 'ingest/cli.ts'),
      'parse-worker': path.join(ROOT, 'ingest/parse-worker.ts'),
      ask: path.join(ROOT, 'server/cli/ask.ts'),
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    define: { __COMPILED__: 'true' },
    bundle: true,
    // Dynamic imports stay dynamic (chunks beside the entries): bundled inline, the LLM and
    // OpenAI-embedder adapters' LangChain imports were hoisted into main.mjs and loaded at every
    // start, ~0.3 s of it, with no LLM configured.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [
      {
        // Modules find files beside their source (prompts/, the web page, the worker scripts):
        // inside the bundle, import.meta still points at the source file, relative to the bundle.
        name: 'source-relative-import-meta',
        setup(build) {
          build.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => {
            const { readFile } = await import('node:fs/promises');
            const source = await readFile(file, 'utf8');
            if (!source.includes('import.meta.')) return { contents: source, loader: 'ts' };
            const rel = path.relative(outDir, file).split(path.sep).join('/');
            const relDir = path.relative(outDir, path.dirname(file)).split(path.sep).join('/') || '.';
            const contents = source
              .replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`)
              .replaceAll('import.meta.dirname', `__bundlePath.resolve(import.meta.dirname, ${JSON.stringify(relDir)})`);
            return { contents: `import __bundlePath from 'node:path';\n${contents}`, loader: 'ts' };
          });
        },
      },
    ],
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'server/compile.ts')) {
  if (process.argv.includes('--if-stale') && !compiledIsStale()) process.exit(0);
  const started = performance.now();
  await compileServer();
  process.stderr.write(`server compiled into ${path.relative(process.cwd(), COMPILED_MAIN)} in ${Math.round(performance.now() - started)} ms\n`);
}
