import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeSyntheticCorpus } from './synthetic-corpus.ts';
import { printUsageIfAsked } from './usage.ts';

// Ingest time and peak memory, end to end (process start included), with the local embedder.
// Targets on the 2-core machine: seeds < 1.5 s; 1,000 transcripts < 60 s and < 2 GB peak RSS.
printUsageIfAsked(`
Usage: npm run bench:ingest [-- transcripts=1000]
Ingest time and peak memory, process start included, with the local embedder: seeds/ cold and
unchanged, then a synthetic corpus of N transcripts made from the seeds' structure.
Targets: seeds < 1.5 s; 1,000 transcripts < 60 s and < 2 GB peak RSS.
`);
const root = path.resolve(import.meta.dirname, '..');
const seedsDir = path.join(root, 'seeds');
const count = Number(process.argv[2] ?? 1000);

function runIngest(input: string, indexDir: string): { seconds: number; peakMb: number; summary: { files: number; chunks: number } } {
  const timeBin = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%M'] : [];
  const cmd = [...timeBin, process.execPath, '--import', 'tsx', path.join(root, 'ingest/cli.ts'), input, '--index', indexDir, '--json'];
  const started = performance.now();
  const run = spawnSync(cmd[0], cmd.slice(1), { cwd: root, encoding: 'utf8', env: { ...process.env, EMBEDDER: 'local' } });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`ingest failed (${run.status}): ${run.stderr}`);
  const peakKb = timeBin.length ? Number(run.stderr.trim().split('\n').at(-1)) : NaN;
  return { seconds, peakMb: peakKb / 1024, summary: JSON.parse(run.stdout) };
}

const work = await mkdtemp(path.join(tmpdir(), 'tqa-bench-ingest-'));
try {
  const seeds = runIngest(seedsDir, path.join(work, 'seeds-index'));
  const again = runIngest(seedsDir, path.join(work, 'seeds-index'));
  const corpus = path.join(work, 'corpus');
  const seedFiles = (await readdir(seedsDir)).map((f) => path.join(seedsDir, f));
  await writeSyntheticCorpus(seedFiles, corpus, count);
  const big = runIngest(corpus, path.join(work, 'corpus-index'));
  const rows = [
    ['seeds (cold)', seeds, '< 1.5 s'],
    ['seeds (unchanged, reused)', again, ''],
    [`${count} synthetic transcripts`, big, '< 60 s, < 2048 MB'],
  ] as const;
  console.log('| run | files | chunks | seconds | peak RSS MB | target |\n|---|---|---|---|---|---|');
  for (const [name, r, target] of rows) {
    console.log(`| ${name} | ${r.summary.files} | ${r.summary.chunks} | ${r.seconds.toFixed(2)} | ${r.peakMb.toFixed(0)} | ${target} |`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
