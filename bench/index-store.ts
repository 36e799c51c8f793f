import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openIndex } from '../ingest/index-store/read.ts';
import { writeIndex } from '../ingest/index-store/write.ts';
import { analyze } from '../ingest/text/analyze.ts';
import { exactSearch } from '../ingest/index-store/vectors.ts';
import type { CallDocument, IndexData } from '../ingest/index-store/types.ts';
import type { Chunk } from '../ingest/types.ts';

// Index store at scale: build, open (in a fresh process, as the server does) and in-process
// retrieval latency over a synthetic corpus (Zipf vocabulary, 60–120 words per chunk, clustered
// 384-d vectors). Targets: open < 2 s at 100k chunks; dense + lexical p50 < 2 ms, p99 < 10 ms.
// Usage: tsx bench/index-store.ts [chunks=100000]   (BENCH_INDEX_DIR=path keeps the built index)
const DIM = 384;
let seed = 42;
const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const SYL = 'ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru ta te ti to tu'.split(' ');
const VOCAB = Array.from({ length: 30_000 }, (_, i) => {
  let w = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / SYL.length)) w += SYL[n % SYL.length];
  return `${w}x`;
});
const CUM = (() => {
  let s = 0;
  return VOCAB.map((_, i) => (s += 1 / (i + 1)));
})();
function zipfWord(): string {
  const r = rnd() * CUM[CUM.length - 1];
  let lo = 0;
  for (let hi = CUM.length - 1; lo < hi; ) {
    const m = (lo + hi) >> 1;
    if (CUM[m] < r) lo = m + 1;
    else hi = m;
  }
  return VOCAB[lo];
}
function noisy(base: Float32Array, noise: number): Float32Array {
  const v = new Float32Array(DIM);
  let n = 0;
  for (let j = 0; j < DIM; j++) n += (v[j] = base[j] + noise * (rnd() * 2 - 1)) ** 2;
  for (let j = 0; j < DIM; j++) v[j] /= Math.sqrt(n);
  return v;
}
const CENTROIDS = Array.from({ length: 500 }, () => noisy(new Float32Array(DIM), 1));

function corpus(n: number): IndexData {
  const perCall = 100;
  const calls: CallDocument[] = [];
  const chunks: Chunk[] = [];
  const vectors: Float32Array[] = [];
  for (let c = 0; c * perCall < n; c++) {
    const id = `call_${c}`;
    const file = `${id}.txt`;
    const lines: CallDocument['lines'] = [];
    for (let i = 0; i < perCall && chunks.length < n; i++) {
      const text = Array.from({ length: 60 + Math.floor(rnd() * 61) }, zipfWord).join(' ');
      lines.push({ n: i + 1, text, speaker: 'Speaker' });
      chunks.push({
        id: `${id}#${i + 1}-${i + 1}`, callId: id, file, turnId: `${id}:t${i}`, turnIndex: i, part: 0, startLine: i + 1,
        endLine: i + 1, lines: [i + 1], speaker: 'Speaker', role: i % 2 ? 'analyst' : 'management',
        section: i < 20 ? 'prepared' : 'qa', text, embedText: `Company ${c} | Speaker\n${text}`,
      });
      vectors.push(noisy(CENTROIDS[Math.floor(rnd() * CENTROIDS.length)], 0.08));
    }
    const call = { id, file, sha256: String(c), format: 'speaker-colon' as const, title: id };
    calls.push({ call, turns: [], lines, chunkCount: lines.length });
  }
  const files = calls.map((d) => ({ file: d.call.file, callId: d.call.id, sha256: d.call.sha256, turns: 0, chunks: d.chunkCount }));
  return { embedder: { id: `bench:${DIM}`, dimensions: DIM }, calls, chunks, vectors, files };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))].toFixed(2);

async function measureOpen(dir: string): Promise<void> {
  const started = performance.now();
  const index = await openIndex(dir);
  const openMs = performance.now() - started;
  const n = index.chunks.length;
  const lexTerms = () => analyze(Array.from({ length: 2 + Math.floor(rnd() * 5) }, zipfWord).join(' '));
  const time = (f: () => unknown) => {
    const t = performance.now();
    f();
    return performance.now() - t;
  };
  for (let i = 0; i < 50; i++) index.lexical(lexTerms(), 50), index.dense(index.vector(i), 50); // warm-up
  const lexical: number[] = [], dense: number[] = [], both: number[] = [], denseCall: number[] = [], lexCall: number[] = [];
  for (let q = 0; q < 500; q++) {
    const terms = lexTerms();
    const query = noisy(index.vector(Math.floor(rnd() * n)), 0.05);
    const callId = index.chunks[Math.floor(rnd() * n)].callId;
    const inCall = (o: number) => index.chunks[o].callId === callId;
    lexical.push(time(() => index.lexical(terms, 50)));
    dense.push(time(() => index.dense(query, 50)));
    both.push(time(() => (index.lexical(terms, 50), index.dense(query, 50))));
    denseCall.push(time(() => index.dense(query, 50, inCall)));
    lexCall.push(time(() => index.lexical(terms, 50, inCall)));
  }
  // Recall@10 of the HNSW graph against an exact scan (efSearch from the manifest).
  const first = index.vector(0);
  const flat = new Float32Array(first.buffer, first.byteOffset, n * first.length);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  let found = 0;
  for (let q = 0; q < 100; q++) {
    const query = noisy(index.vector(Math.floor(rnd() * n)), 0.05);
    const truth = new Set(exactSearch(flat, first.length, query, 10, all).map((h) => h.ordinal));
    found += index.dense(query, 10).filter((h) => truth.has(h.ordinal)).length;
  }
  console.log(`dense recall@10 vs exact: ${(found / 1000).toFixed(3)} (efSearch ${index.manifest.hnsw.efSearch})`);
  const row = (name: string, xs: number[]) => `${name.padEnd(30)} p50 ${pct(xs, 0.5).padStart(6)} ms   p99 ${pct(xs, 0.99).padStart(6)} ms`;
  console.log(`open ${n} chunks: ${openMs.toFixed(0)} ms   (rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB)`);
  console.log([row('lexical k=50', lexical), row('dense k=50', dense), row('dense + lexical', both), row('dense, filter = one call', denseCall), row('lexical, filter = one call', lexCall)].join('\n'));
}

if (process.argv[2] === '--open') {
  await measureOpen(process.argv[3]);
} else {
  const n = Number(process.argv[2] ?? 100_000);
  const keep = process.env.BENCH_INDEX_DIR;
  const dir = keep ?? (await mkdtemp(path.join(tmpdir(), 'tqa-bench-index-')));
  try {
    let t = performance.now();
    const data = corpus(n);
    console.log(`corpus ${n} chunks generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    await writeIndex(dir, data);
    console.log(`writeIndex ${n} chunks: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--open', dir], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`open/search child failed (${child.status})`);
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}
