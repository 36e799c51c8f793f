import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSeedIndex, SEEDS_DIR } from '../../support/seed-index.ts';
import { ROOT, runScript } from '../../support/run-script.ts';
import { seedLines } from '../routes/seed-lines.ts';

let indexDir: string;

// No TRANSCRIPTS_DIR to fall back on: the index under test is the only source.
const runAsk = (args: string[], env: Record<string, string> = {}) =>
  runScript('server/cli/ask.ts', args, { env: { INDEX_DIR: indexDir, TRANSCRIPTS_DIR: path.join(ROOT, 'no-such-dir'), ...env } });

const CITATION_LINE = /^\[(\d+)\] (\S+\.txt):L(\d+)(?:–L(\d+))? — (.+?): "(.*)"$/;

describe('npm run ask', () => {
  beforeAll(async () => {
    indexDir = await buildSeedIndex();
  }, 60_000);

  it('prints the answer, then each citation with file, lines, speaker and a quote from those lines', async () => {
    const { code, stdout } = await runAsk(['What were the operating loss and operating margin in Q1 fiscal 2024?']);
    expect(code).toBe(0);
    const [answer, sources] = stdout.split('\n\nSources:\n');
    expect(answer).toContain('22.3');
    const lines = sources.trim().split('\n').map((l) => CITATION_LINE.exec(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const m of lines) {
      expect(m).not.toBeNull();
      const [, n, file, start, end, , quote] = m!;
      expect(answer).toContain(`[${n}]`);
      expect(seedLines(file, Number(start), Number(end ?? start))).toContain(quote);
    }
    expect(stdout).toMatch(/Tim M\. Wan \(CFO\): "/);
  }, 30_000);

  it('abstains with a see-also list, and applies filters', async () => {
    const { code, stdout } = await runAsk(['What did management say about the metaverse?', '--role', 'management', '--k', '5']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^The transcripts don't cover this/);
    expect(stdout).toContain('\n\nSee also:\n[1] ');
    expect(stdout).not.toContain('Sources:');
  }, 30_000);

  it('prints the full result as JSON with --json', async () => {
    const { code, stdout } = await runAsk(['How many paying customers does Asana have?', '--json', '--section', 'prepared']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ answered: true, mode: 'extractive' });
    expect(result.citations.length).toBeGreaterThan(0);
  }, 30_000);

  it.each([
    [[], /missing required argument/],
    [['q', '--role', 'ceo'], /Allowed choices are management, analyst, operator, other/],
    [['q', '--k', '0'], /--k must be an integer from 1 to 50/],
    [['q', '--frobnicate'], /unknown option/],
  ])('exits 2 with a helpful message for %j', async (args, message) => {
    const { code, stderr, stdout } = await runAsk(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  }, 30_000);

  it('builds the index from TRANSCRIPTS_DIR first when there is none', async () => {
    const fresh = path.join(await mkdtemp(path.join(tmpdir(), 'tqa-ask-cli-')), 'index');
    const { code, stdout, stderr } = await runAsk(['How many paying customers does Asana have?'], { INDEX_DIR: fresh, TRANSCRIPTS_DIR: SEEDS_DIR });
    expect(code).toBe(0);
    expect(stderr).toContain('no index yet: ingesting transcripts');
    expect(stdout).toContain('Sources:');
    await rm(path.dirname(fresh), { recursive: true, force: true });
  }, 60_000);

  it('prints help and exits 0 with --help', async () => {
    const { code, stdout } = await runAsk(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--speaker <name>');
  }, 30_000);
});
