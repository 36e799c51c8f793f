import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSeedIndex } from '../../support/seed-index.ts';
import { startMain, stop } from './start-process.ts';

// Common first-start failures: one plain sentence that says what to do, no stack trace, exit 1.
async function failure(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const server = startMain({ LOG_FORMAT: 'pretty', ...env }, tmpdir());
  const code = await server.exited;
  await stop(server);
  return { code, output: server.output() };
}

const noStack = (output: string) => expect(output).not.toMatch(/^\s+at /m);

describe('start-up failures', () => {
  it('port in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const { code, output } = await failure({ INDEX_DIR: await buildSeedIndex(), PORT: String(port) });
      expect(code).toBe(1);
      expect(output).toContain(`FATAL Port ${port} on 127.0.0.1 is already in use: stop the program using it, or start on another port with PORT=${port + 1} npm start.`);
      noStack(output);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('unreadable index', async () => {
    const indexDir = path.join(await mkdtemp(path.join(tmpdir(), 'tqa-bad-index-')), 'index');
    await mkdir(path.join(indexDir, 'gen-1-ab'), { recursive: true });
    await writeFile(path.join(indexDir, 'CURRENT'), 'gen-1-ab\n');
    await writeFile(path.join(indexDir, 'gen-1-ab', 'manifest.json'), '{ not json');
    const { code, output } = await failure({ INDEX_DIR: indexDir });
    expect(code).toBe(1);
    expect(output).toContain(`The index in ${indexDir} is damaged or was written by another version: rebuild it with npm run ingest.`);
    noStack(output);
  }, 60_000);

  it('an index made with another embedder', async () => {
    // The OpenAI embedder is only constructed: nothing is embedded before the index is refused.
    const { code, output } = await failure({ INDEX_DIR: await buildSeedIndex(), EMBEDDER: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(code).toBe(1);
    expect(output).toMatch(/The index in \S+ was made with the local\S* embedder but EMBEDDER=openai: rebuild it with npm run ingest -- --embedder openai, or set EMBEDDER to the one the index was made with\./);
    noStack(output);
  }, 60_000);
});
