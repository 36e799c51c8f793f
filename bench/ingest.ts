import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeSyntheticCorpus } from './synthetic-corpus.ts';
import { printUsageIfAsked } from './usage.ts';
import { COMPILED_INGEST, compiledIsStale } from '../server/build-state.mjs';

// Ingest time, CPU time and peak memory, end to end (process start included), with the local
// embedder, beside an anchor measured in the same run: reading and tokenising the same files in
// a process that builds nothing (the I/O-and-parse floor).
// Targets on the 2-core machine: seeds < 1.5 s; 1,000 transcripts < 60 s and < 2 GB peak RSS.
printUsageIfAsked(`
Usage: npm run bench:ingest [-- DIR [--keep OUT] | transcripts]     (default: 1000 synthetic transcripts)
  DIR          ingest that folder of transcripts (cold, then unchanged, then one new call), e.g.
               ../shared/real/calls; --keep OUT keeps the index built in OUT
  transcripts  a count: seeds/ cold and unchanged, then a synthetic corpus of that many
               transcripts made from the seeds' structure
Each row: wall seconds, CPU seconds (user+system, all threads), peak RSS, and "x floor": the
wall time over that of reading + tokenising the same files with no index, measured in the same
run. The cold run of a folder also prints the ingest's per-phase timings.
Environment: INGEST_WORKERS (worker threads; default one per core) is passed to the ingest.
Targets: seeds < 1.5 s; 1,000 transcripts < 60 s and < 2 GB peak RSS.
`);
const root = path.resolve(import.meta.dirname, '..');
const seedsDir = path.join(root, 'seeds');
const keepFlag = process.argv.indexOf('--keep');
const keepArg = keepFlag >= 0 ? path.resolve(process.argv[keepFlag + 1]) : undefined;
const arg = process.argv.slice(2).filter((a, i, all) => a !== '--keep' && all[i - 1] !== '--keep')[0]?.replace(/^transcripts=/, '');
const dirArg = arg !== undefined && !/^\d+$/.test(arg) ? path.resolve(arg) : undefined;
if (dirArg && !(existsSync(dirArg) && statSync(dirArg).isDirectory())) {
  console.error(`bench:ingest: ${arg} is neither a transcript count nor a folder`);
  process.exit(2);
}
const count = Number(arg ?? 1000);

interface Run {
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  stdout: string;
}

/** `node ARGS`, timed. */
function timed(args: string[]): Run {
  const timeBin = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%M %U %S'] : [];
  const cmd = [...timeBin, process.execPath, ...args];
  const started = performance.now();
  const run = spawnSync(cmd[0], cmd.slice(1), {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, EMBEDDER: 'local' },
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  const [peakKb, user, sys] = timeBin.length ? run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) : [NaN, NaN, NaN];
  return { seconds, cpuSeconds: user + sys, peakMb: peakKb / 1024, stdout: run.stdout };
}

interface IngestRun extends Run {
  summary: { files: number; chunks: number; timings: Record<string, number> };
}

/** What `npm run ingest` runs: the compiled command, or the sources through tsx while it is older than them. */
function runIngest(input: string, indexDir: string): IngestRun {
  const run = timed([path.join(root, 'ingest/run.mjs'), input, '--index', indexDir, '--json']);
  return { ...run, summary: JSON.parse(run.stdout) };
}

const work = await mkdtemp(path.join(tmpdir(), 'tqa-bench-ingest-'));
const floorScript = path.join(work, 'ingest-floor.mjs');

function floorOf(input: string): Run & { files: number } {
  const run = timed([floorScript, input]);
  return { ...run, files: JSON.parse(run.stdout).files };
}

try {
  // The floor compiled too, so that both start the same way (plain node, no TypeScript loader).
  await (await import('esbuild')).build({ entryPoints: [path.join(root, 'bench/ingest-floor.ts')], outfile: floorScript, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
  const rows: [string, IngestRun, Run, string][] = [];
  let cold: IngestRun;
  if (dirArg) {
    const floor = floorOf(dirArg);
    cold = runIngest(dirArg, path.join(work, 'index'));
    const again = runIngest(dirArg, path.join(work, 'index'));
    // One call more: the library's first file under a new name, alone in a folder (the index keeps the rest).
    const one = path.join(work, 'one-new-call');
    await mkdir(one);
    const first = (await readdir(dirArg)).sort()[0];
    await copyFile(path.join(dirArg, first), path.join(one, `new-${first}`));
    const added = runIngest(one, path.join(work, 'index'));
    const oneFloor = floorOf(one);
    rows.push(
      [`${path.basename(dirArg)} (cold)`, cold, floor, '<= 45 s, <= 1200 MB'],
      [`${path.basename(dirArg)} (unchanged, reused)`, again, floor, '<= 5 s'],
      [`${path.basename(dirArg)} + 1 new call (floor: that call)`, added, oneFloor, ''],
    );
    if (keepArg) await rename(path.join(work, 'index'), keepArg);
  } else {
    const seedsFloor = floorOf(seedsDir);
    const seeds = runIngest(seedsDir, path.join(work, 'seeds-index'));
    const again = runIngest(seedsDir, path.join(work, 'seeds-index'));
    const corpus = path.join(work, 'corpus');
    const seedFiles = (await readdir(seedsDir)).map((f) => path.join(seedsDir, f));
    await writeSyntheticCorpus(seedFiles, corpus, count);
    const floor = floorOf(corpus);
    cold = runIngest(corpus, path.join(work, 'corpus-index'));
    rows.push(
      ['seeds (cold)', seeds, seedsFloor, '< 1.5 s'],
      ['seeds (unchanged, reused)', again, seedsFloor, ''],
      [`${count} synthetic transcripts`, cold, floor, '< 60 s, < 2048 MB'],
    );
  }
  console.log('| run | files | chunks | seconds | CPU s | peak RSS MB | floor s | x floor | target |\n|---|---|---|---|---|---|---|---|---|');
  for (const [name, r, floor, target] of rows) {
    console.log(
      `| ${name} | ${r.summary.files} | ${r.summary.chunks} | ${r.seconds.toFixed(2)} | ${r.cpuSeconds.toFixed(1)} | ${r.peakMb.toFixed(0)} | ` +
        `${floor.seconds.toFixed(2)} | ${(r.seconds / floor.seconds).toFixed(1)} | ${target} |`,
    );
  }
  console.log(`\nfloor: the same files read, decoded and tokenised in a process that builds nothing (process start included)`);
  console.log(
    compiledIsStale(COMPILED_INGEST)
      ? 'ingest: the TypeScript sources through tsx (the compiled command is older than them: npm run build)'
      : `ingest: the compiled command (${path.relative(root, COMPILED_INGEST)}), as npm run ingest runs it`,
  );
  console.log(`per-phase timings of the largest cold run (wall seconds; the HNSW build overlaps the rest):`);
  for (const [phase, s] of Object.entries(cold.summary.timings ?? {})) console.log(`  ${phase.padEnd(32)} ${s.toFixed(2)}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
