import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The ingest command as a user runs it: a library is built up over time, removal is explicit.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const SEEDS = path.join(ROOT, 'seeds');
const FIXTURES = path.join(ROOT, 'tests/fixtures/transcripts');

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'ingest/cli.ts', ...args, '--json'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { status: run.status, stderr: run.stderr, summary: run.status === 2 ? undefined : JSON.parse(run.stdout) };
}

const current = (index: string) => readFile(path.join(index, 'CURRENT'), 'utf8');

describe('npm run ingest: a library that grows', () => {
  it('adds and updates without removing, prunes and removes only when asked', { timeout: 120_000 }, async () => {
    const tmp = await mkdtemp(path.join(tmpdir(), 'tqa-grow-'));
    const index = path.join(tmp, 'index');
    const mine = path.join(tmp, 'my-calls');
    await mkdir(mine);
    await copyFile(path.join(FIXTURES, 'zoom-name-prefix.vtt'), path.join(mine, 'standup.vtt'));
    const seeds = (await readdir(SEEDS)).length;

    const first = cli(SEEDS, '--index', index);
    expect(first.summary).toMatchObject({ added: seeds, updated: 0, removed: 0, changed: true });

    // Regression: ingesting another folder used to remove the seed calls ("2 removed").
    const more = cli(mine, '--index', index);
    expect(more.summary).toMatchObject({ added: 1, updated: 0, removed: 0, kept: seeds, changed: true, chunks: first.summary.chunks + more.summary.embedded });

    const generation = await current(index);
    const again = cli(SEEDS, mine, '--index', index);
    expect(again.summary).toMatchObject({ added: 0, updated: 0, removed: 0, reused: seeds + 1, changed: false });
    expect(await current(index)).toBe(generation);

    await writeFile(path.join(mine, 'standup.vtt'), `${await readFile(path.join(mine, 'standup.vtt'), 'utf8')}\n`);
    const edited = cli(mine, '--index', index);
    expect(edited.summary).toMatchObject({ added: 0, updated: 1, removed: 0, kept: seeds, changed: true });

    const pruned = cli(mine, '--index', index, '--prune');
    expect(pruned.summary).toMatchObject({ added: 0, updated: 0, removed: seeds, reused: 1, kept: 0 });
    expect(pruned.summary.manifest.files.map((f: { callId: string }) => f.callId)).toEqual(['standup']);

    cli(SEEDS, '--index', index);
    const removed = cli('remove', 'standup', '--index', index);
    expect(removed.summary).toMatchObject({ removed: 1, removedIds: ['standup'], kept: seeds, changed: true });

    const unknown = cli('remove', 'no-such-call', '--index', index);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/holds no call with id no-such-call/);
  });
});
