import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILED_ASK, COMPILED_INGEST } from '../../server/build-state.mjs';
import { COMPILED_MAIN, compileServer } from '../../server/compile.ts';
import { buildSeedIndex } from '../support/seed-index.ts';

// `npm start` runs the compiled server (server/compile.ts), `npm run ingest` and `npm run ask` the
// commands compiled with it (ingest/run.mjs, server/cli/run-ask.mjs): they must find what their
// modules find beside their sources (prompts, the web page, the HNSW and parse workers) and work
// like the sources do. One file: each test compiles again, emptying dist/server, which must not
// happen under another's feet.
const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the compiled server', () => {
  const serve = async (env: Record<string, string>, ready: RegExp) => {
    await compileServer();
    const child = spawn(process.execPath, ['server/start.mjs'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', INDEX_DIR: await buildSeedIndex(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d) => {
          out += d;
          const m = ready.test(out) && /"url":"(http:[^"]+)"/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', () => reject(new Error(out)));
      });
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const search = await fetch(`${url}/v1/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'revenue growth' }) });
      expect(search.status).toBe(200);
      expect(((await search.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
    }
  };

  it('starts from dist/server/main.mjs and serves /readyz and the API', { timeout: 60_000 }, () => serve({}, /"msg":"ready"/));

  it('loads LangChain only when an LLM is configured (a chunk of its own), and then finds it', { timeout: 60_000 }, async () => {
    await compileServer();
    expect(readFileSync(COMPILED_MAIN, 'utf8')).not.toMatch(/from\s*["']@langchain\//);
    // An LLM endpoint nobody listens on: the server still starts, in LLM mode.
    await serve({ LLM_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }, /"mode":"llm"[\s\S]*"msg":"ready"/);
  });

  it('starts its search threads from dist/server/search-thread.mjs', { timeout: 60_000 }, () =>
    serve({ SEARCH_THREADS: '1' }, /"msg":"search thread ready"[\s\S]*"url"|"url"[\s\S]*"msg":"search thread ready"/));

  it('ingests with the compiled command, with parse workers, through npm run ingest and on its own', { timeout: 120_000 }, async () => {
    await compileServer();
    const tmp = await mkdtemp(path.join(tmpdir(), 'tqa-compiled-ingest-'));
    try {
      const env = { PATH: process.env.PATH, EMBEDDER: 'local' };
      const run = spawnSync(process.execPath, ['ingest/run.mjs', 'seeds', '--index', path.join(tmp, 'index'), '--workers', '1', '--json'], { cwd: ROOT, encoding: 'utf8', env });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toMatchObject({ added: 2, changed: true, skipped: [] });
      const help = spawnSync(process.execPath, [COMPILED_INGEST, '--help'], { cwd: ROOT, encoding: 'utf8', env });
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/Usage: npm run ingest --/);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('answers with the compiled ask command, through npm run ask and on its own', { timeout: 60_000 }, async () => {
    await compileServer();
    const env = { PATH: process.env.PATH, INDEX_DIR: await buildSeedIndex(), LLM_PROVIDER: 'none' };
    const run = spawnSync(process.execPath, ['server/cli/run-ask.mjs', 'What was Asana Q4 revenue?', '--json'], { cwd: ROOT, encoding: 'utf8', env });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ answered: true, mode: 'extractive' });
    expect(JSON.parse(run.stdout).answer).toContain('$150.2 million');
    const help = spawnSync(process.execPath, [COMPILED_ASK, '--help'], { cwd: ROOT, encoding: 'utf8', env });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: npm run ask --/);
  });
});
