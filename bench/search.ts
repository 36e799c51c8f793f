import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LocalEmbedder } from '../ingest/embedders/local.ts';
import { openIndex } from '../ingest/index-store/read.ts';
import { exactSearch } from '../ingest/index-store/dense/vectors.ts';
import { analyze } from '../ingest/text/analyze.ts';
import { GENERIC_QUESTIONS } from './generic-questions.ts';
import { createRetriever } from '../server/rag/retrieval/retrieve.ts';
import type { SearchFilters } from '../server/rag/retrieval/filters.ts';
import { loadEvalSet } from '../tests/eval/load-eval-set.ts';
import { writeSyntheticCorpus } from './synthetic-corpus.ts';
import { printUsageIfAsked } from './usage.ts';

// In-process retrieval latency (the whole retrieve(): query understanding, analysis, query
// embedding, BM25 + HNSW, fusion, confidence) at 1k, 10k and 100k chunks of synthetic
// transcripts made from the seeds, index load time, and server start on the largest index.
// Targets on the 2-core machine: p50 < 2 ms and p99 < 10 ms at 100k chunks; server start < 2 s.
// Usage: npm run bench:search [-- sizes…]   e.g. npm run bench:search -- 1000 10000
printUsageIfAsked(`
Usage: npm run bench:search [-- sizes…]   (default 1000 10000 100000 chunks)
       npm run bench:search -- --index DIR [--runs N]
retrieve() latency p50/p99, index load time, and server start on the largest index.
Targets at 100k chunks: p50 < 2 ms, p99 < 10 ms; server start < 2 s.

--index DIR: no ingest; in-process retrieve() (createRetriever(openIndex(DIR), new LocalEmbedder()))
over ~50 generic earnings-call questions (bench/generic-questions.ts), half of them naming a
company taken from the index's call metadata (15 of 50), N runs (default 1000). Anchors on the same index
and questions: a brute-force cosine scan of all vectors (query embedding included) and a plain
BM25 top-8 (query analysis included); plus the HNSW's recall@8 against the brute-force scan.
`);
const indexFlag = process.argv.indexOf('--index');
if (indexFlag >= 0) {
  const dir = process.argv[indexFlag + 1];
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 1000;
  if (!dir) throw new Error('--index needs a folder');
  await benchExistingIndex(dir, runs);
  process.exit(0);
}

async function benchExistingIndex(dir: string, runs: number): Promise<void> {
  const embedder = new LocalEmbedder();
  const loadStarted = performance.now();
  const index = await openIndex(dir, { expectEmbedderId: embedder.id });
  const loadMs = performance.now() - loadStarted;
  const companies = [...new Set(index.calls.map((d) => d.call.company).filter((c): c is string => !!c))];
  const questions = GENERIC_QUESTIONS.map((q, i) => (q.includes('{company}') ? q.replace('{company}', companies[(i * 7) % Math.max(1, companies.length)] ?? 'the company') : q));
  const retrieve = createRetriever(index, embedder);
  const dim = index.manifest.embedder.dimensions;
  const flat = new Float32Array(index.chunks.length * dim);
  for (let o = 0; o < index.chunks.length; o++) flat.set(index.vector(o), o * dim);
  const all = Uint32Array.from({ length: index.chunks.length }, (_, i) => i);
  const time = async (fn: (q: string) => unknown, n: number): Promise<number[]> => {
    for (let i = 0; i < Math.min(50, n); i++) await fn(questions[i % questions.length]);
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await fn(questions[i % questions.length]);
      times.push(performance.now() - t);
    }
    return times;
  };
  const retrieveTimes = await time((q) => retrieve(q, { k: 8 }), runs);
  const scanRuns = Math.min(runs, 200); // the scan is slow; 4 passes over the questions suffice
  const bruteTimes = await time((q) => exactSearch(flat, dim, embedder.embed(q), 8, all), scanRuns);
  const bm25Times = await time((q) => index.lexical(analyze(q), 8), runs);
  const hnswTimes = await time((q) => index.dense(embedder.embed(q), 8), runs);
  let hits = 0;
  for (const q of questions) {
    const v = embedder.embed(q);
    const truth = new Set(exactSearch(flat, dim, v, 8, all).map((h) => h.ordinal));
    hits += index.dense(v, 8).filter((h) => truth.has(h.ordinal)).length;
  }
  const row = (name: string, t: number[]) => `| ${name} | ${t.length} | ${pct(t, 0.5).toFixed(2)} | ${pct(t, 0.99).toFixed(2)} |`;
  console.log(`index ${dir}: ${index.chunks.length} chunks, ${index.calls.length} calls, ${companies.length} companies; loaded in ${loadMs.toFixed(0)} ms`);
  console.log(`${questions.length} questions (${GENERIC_QUESTIONS.filter((q) => q.includes('{company}')).length} naming a company), k = 8\n`);
  console.log('| search | runs | p50 ms | p99 ms |\n|---|---|---|---|');
  console.log(row('retrieve() (the server\'s retriever)', retrieveTimes));
  console.log(row('anchor: brute-force cosine scan (embed + scan all vectors)', bruteTimes));
  console.log(row('anchor: plain BM25 (analyse + lexical top-8)', bm25Times));
  console.log(row('HNSW dense only (embed + index.dense)', hnswTimes));
  console.log(`\nHNSW recall@8 vs the brute-force scan over these questions: ${(hits / (questions.length * 8)).toFixed(3)}`);
}
const root = path.resolve(import.meta.dirname, '..');
const seedsDir = path.join(root, 'seeds');
const CHUNKS_PER_TRANSCRIPT = 85.5; // what the seeds' structure yields
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const targets = sizes.length ? sizes : [1_000, 10_000, 100_000];

// A declaration, not a const: --index runs benchExistingIndex before this line is reached.
function pct(xs: number[], p: number): number {
  return [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
}

function ingestInChild(corpus: string, indexDir: string): { chunks: number; files: number; seconds: number } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'ingest/cli.ts'), corpus, '--index', indexDir, '--json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, EMBEDDER: 'local' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`ingest failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

async function serverStartMs(indexDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
    cwd: root,
    env: { ...process.env, INDEX_DIR: indexDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', EMBEDDER: 'local', LLM_PROVIDER: 'none' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      if (line.includes('"msg":"ready"')) return performance.now() - started;
    }
    throw new Error('the server exited before it was ready');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const evalSet = await loadEvalSet();
const questions = evalSet.questions.map((q) => q.q);
const work = await mkdtemp(path.join(tmpdir(), 'tqa-bench-search-'));
const seedFiles = (await readdir(seedsDir)).map((f) => path.join(seedsDir, f));
const rows: string[] = [];
try {
  let startMs = 0;
  for (const target of targets) {
    const corpus = path.join(work, `corpus-${target}`);
    const indexDir = path.join(work, `index-${target}`);
    await writeSyntheticCorpus(seedFiles, corpus, Math.max(1, Math.round(target / CHUNKS_PER_TRANSCRIPT)));
    const embedder = new LocalEmbedder();
    // Ingest in a child process, so that this one stays small while the server start is timed.
    const built = ingestInChild(corpus, indexDir);
    // Server start is measured before this process loads the index too (median of three).
    if (target === targets.at(-1)) {
      const starts = [await serverStartMs(indexDir), await serverStartMs(indexDir), await serverStartMs(indexDir)];
      startMs = pct(starts, 0.5);
    }
    const loadStarted = performance.now();
    const index = await openIndex(indexDir, { expectEmbedderId: embedder.id });
    const loadMs = performance.now() - loadStarted;
    const retrieve = createRetriever(index, embedder);
    // Every other query carries filters: one call, or management only, as clients send them.
    const callIds = index.calls.map((d) => d.call.id);
    const filtersFor = (i: number): SearchFilters | undefined =>
      i % 3 === 1 ? { callIds: [callIds[i % callIds.length]] } : i % 3 === 2 ? { roles: ['management'] } : undefined;
    for (let i = 0; i < 100; i++) await retrieve(questions[i % questions.length], { k: 8, filters: filtersFor(i) });
    const times: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      const t = performance.now();
      await retrieve(questions[i % questions.length], { k: 8, filters: filtersFor(i) });
      times.push(performance.now() - t);
    }
    rows.push(
      `| ${built.chunks} | ${built.files} | ${built.seconds.toFixed(1)} | ${loadMs.toFixed(0)} | ${pct(times, 0.5).toFixed(2)} | ${pct(times, 0.99).toFixed(2)} |`,
    );
  }
  console.log('| chunks | transcripts | ingest s | index load ms | retrieve p50 ms | retrieve p99 ms |\n|---|---|---|---|---|---|');
  console.log(rows.join('\n'));
  console.log(`\nserver start (process spawn → ready, median of 3) on the ${targets.at(-1)}-chunk index: ${startMs.toFixed(0)} ms (target < 2000)`);
  console.log('targets at 100k chunks: p50 < 2 ms, p99 < 10 ms');
} finally {
  await rm(work, { recursive: true, force: true });
}
