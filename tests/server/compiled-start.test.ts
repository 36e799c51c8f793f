import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILED_MAIN, compileServer } from '../../server/compile.ts';
import { buildSeedIndex } from '../support/seed-index.ts';

// `npm start` runs the compiled server (server/compile.ts): it must find what its modules find
// beside their sources (prompts, the web page, the HNSW worker) and serve like the sources do.
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
});
