import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvFile } from '../../../ingest/env-file.ts';
import { buildSeedIndex } from '../../support/seed-index.ts';
import { startFakeOpenAI } from '../../support/fake-openai-server.ts';
import { ROOT, runScript } from '../../support/run-script.ts';
import { startMain, stop, whenReady } from './start-process.ts';

async function folderWithEnv(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tqa-env-'));
  await writeFile(path.join(dir, '.env'), text);
  return dir;
}

describe('.env', () => {
  it('fills in what the environment lacks; the real environment wins', async () => {
    const dir = await folderWithEnv('# comment\nPORT=4321\nOPENAI_CHAT_MODEL="model-from-file"\nEMPTY=\n');
    const env: Record<string, string | undefined> = { PORT: '5000' };
    const result = loadEnvFile(env, dir);
    expect(env).toMatchObject({ PORT: '5000', OPENAI_CHAT_MODEL: 'model-from-file', EMPTY: '' });
    expect(result.loaded.sort()).toEqual(['EMPTY', 'OPENAI_CHAT_MODEL']);
  });

  it('is optional', () => {
    expect(loadEnvFile({}, tmpdir(), 'no-such-file.env')).toEqual({ loaded: [] });
  });

  it('configures npm start: the start-up log says LLM mode, model, base URL, index and number of calls', async () => {
    const indexDir = await buildSeedIndex();
    // Nothing is asked of the LLM at start, so an address nobody listens on is enough.
    const cwd = await folderWithEnv(`OPENAI_BASE_URL=http://127.0.0.1:9/v1\nOPENAI_CHAT_MODEL=model-from-file\nINDEX_DIR=${indexDir}\n`);
    const server = startMain({ OPENAI_CHAT_MODEL: 'model-from-env', LOG_FORMAT: 'json' }, cwd);
    try {
      const ready = await whenReady(server);
      expect(ready).toMatchObject({ mode: 'llm', model: 'model-from-env', baseUrl: 'http://127.0.0.1:9/v1', indexDir, calls: 2 });
      expect(server.output()).toContain('LLM answers with model-from-env at http://127.0.0.1:9/v1');
      expect(server.output()).toContain(`settings read from ${path.join(cwd, '.env')}`);
    } finally {
      await stop(server);
    }
  }, 60_000);

  it('without .env or a key, says it answers offline', async () => {
    const server = startMain({ INDEX_DIR: await buildSeedIndex(), LOG_FORMAT: 'json' }, tmpdir());
    try {
      expect(await whenReady(server)).toMatchObject({ mode: 'offline', calls: 2 });
      expect(server.output()).toContain('offline answers (quotes from the transcripts, no LLM)');
    } finally {
      await stop(server);
    }
  }, 60_000);

  it('configures npm run ask and npm run ingest too', async () => {
    const fake = await startFakeOpenAI({ onChat: () => 'Operating loss was $22.3 million [1].' });
    try {
      const cwd = await folderWithEnv(`INDEX_DIR=${await buildSeedIndex()}\nOPENAI_BASE_URL=${fake.url}\n`);
      const asked = await runScript('server/cli/ask.ts', ['What was the operating loss in Q1 fiscal 2024?', '--json'], { cwd });
      expect(asked.code).toBe(0);
      expect(JSON.parse(asked.stdout)).toMatchObject({ mode: 'llm' });
      expect(fake.requestsTo('chat').length).toBeGreaterThan(0);
    } finally {
      await fake.close();
    }

    const target = path.join(await mkdtemp(path.join(tmpdir(), 'tqa-env-ingest-')), 'index');
    const cwd = await folderWithEnv(`INDEX_DIR=${target}\nINGEST_WORKERS=0\n`);
    const ingested = await runScript('ingest/cli.ts', [path.join(ROOT, 'seeds'), '--json'], { cwd });
    expect(ingested.code).toBe(0);
    expect((await readFile(path.join(target, 'CURRENT'), 'utf8')).trim()).toMatch(/^gen-/);
  }, 60_000);
});
