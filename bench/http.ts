import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { LocalEmbedder } from '../ingest/embedders/local.ts';
import { ingest } from '../ingest/pipeline.ts';
import type { CallMeta } from '../ingest/types.ts';
import { loadServerConfig } from '../server/config.ts';
import { searchThreadCount } from '../server/rag/threads/search-pool.ts';
import { startServed, type Served } from './served.ts';
import { printUsageIfAsked } from './usage.ts';

// HTTP throughput and latency of the API over the seed index, the server `npm start` runs (the
// compiled build) in its own process on loopback, extractive answers. Targets on a 2-core machine: search ≥ 2,000 req/s, ask ≥ 800
// req/s, p99 < 25 ms, no errors. Usage: tsx bench/http.ts [seconds=10] [connections=32]
//
// Two passes per route. First CONNECTIONS connections, each sending as fast as it is answered:
// throughput, and a latency that is mostly queueing (Little's law: 32 connections at 800 req/s
// wait 40 ms on average whatever the server does). Then 4 connections: the latency of a busy
// but not saturated server. (autocannon's fixed-rate mode sends in bursts, which measures the
// bursts instead.)
printUsageIfAsked(`
Usage: npm run bench:http [-- [--index DIR] [--warmup SECONDS] [--pairs N] seconds=10 connections=32 routes=search,ask]
req/s and latency of POST /v1/search and /v1/ask (extractive) over loopback, on the seed index, or
with --index on an index already built (e.g. npm run ingest -- ../shared/real/calls --index DIR):
its questions then name the index's own companies and periods. --warmup: seconds of load per route
run and discarded before the first measured pass (default 10: V8 is still compiling before that,
and search threads open the index in the server's first second or two).
The server measured is the one npm start runs (the compiled build, rebuilt first when stale), in a
process of its own, with LOG_LEVEL=warn, no rate limit and offline answers (LLM_PROVIDER=none).
Anchor, same run: a bare Fastify route replying with a body of the route's size (the ceiling),
measured alternately with the route, --pairs times (default 3): the median ratio is reported.
SEARCH_THREADS=N (env) sets the search threads beside the server's (default auto: one per core
beyond the first on an index of >= 20,000 passages, so none on the seed index).
Targets: at 32 connections /v1/search >= 40% and /v1/ask >= 25% of that ceiling; no errors.
`);
const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const INDEX_DIR = flag('--index');
const PAIRS = Number(flag('--pairs') ?? 3);
if (!(PAIRS >= 1)) throw new Error(`--pairs takes a number of route/anchor pairs, not ${flag('--pairs')}`);
const WARMUP = Number(flag('--warmup') ?? 10);
if (!(WARMUP >= 0)) throw new Error(`--warmup takes a number of seconds, not ${flag('--warmup')}`);
const FLAGS = new Set(['--index', '--warmup', '--pairs']);
const args = process.argv.slice(2).filter((_, i, all) => !FLAGS.has(all[i]) && !FLAGS.has(all[i - 1]));
const SECONDS = Number(args[0] ?? 10);
const CONNECTIONS = Number(args[1] ?? 32);
const ROUTES = (args[2] ?? 'search,ask').split(',').map((r) => `/v1/${r.trim()}`);
const SEEDS = path.resolve(import.meta.dirname, '../seeds');

// Questions of the kinds users ask (figures, people, topics, follow-up-free), rotated per request
// so caches and one lucky query do not decide the figures; one is not covered by the seeds.
const QUESTIONS = [
  'What were the operating loss and operating margin in Q1 fiscal 2024?',
  'What was free cash flow in the fourth quarter?',
  'What is the revenue guidance for Q2?',
  'How many paying customers does Asana have?',
  'What did the CFO say about R&D spending?',
  'When will AI features start to have a revenue impact?',
  'What did management say about pricing and packaging?',
  'Who asked about vendor consolidation?',
  'What drove the improvement in profitability?',
  'What did the COO say about 7-figure deals?',
  'How does the company define enterprise customers?',
  'What did management say about the metaverse?',
];

// On another index: questions of the same kinds about its own calls (company and period from their
// metadata), so query understanding, scoping and answers do the work they do for users. Six of
// eight name a call or a company (one call's chunks searched, or a company's); two search the
// whole library, each on another topic, so all 40 questions differ (none repeats within a round:
// only per-chunk caches, never per-question ones, can warm up, and the server has none of the latter).
const TOPICS = ['supply chain constraints', 'the metaverse', 'inflation', 'labor shortages', 'share buybacks', 'interest rates', 'demand in China', 'foreign exchange', 'the chip shortage', 'pricing power'];
const LIBRARY_QUESTIONS = [
  (c: string, p: string) => `What was ${c}'s revenue in ${p}?`,
  (c: string, p: string) => `What did ${c}'s CFO say about free cash flow in ${p}?`,
  (c: string, p: string) => `Why did ${c}'s margins change in ${p}?`,
  (c: string) => `What guidance did ${c} give for the full year?`,
  (c: string, p: string) => `What did ${c} management say about pricing on the ${p} call?`,
  (c: string, p: string) => `How many employees did ${c} have at the end of ${p}?`,
  (_c: string, _p: string, i: number) => `What did management say about ${TOPICS[Math.floor(i / 8) % TOPICS.length]}?`,
  (_c: string, _p: string, i: number) => `Which companies talked about ${TOPICS[(Math.floor(i / 8) + 5) % TOPICS.length]}?`,
];
let questions = QUESTIONS;

const body = (route: string, q: string) => JSON.stringify(route === '/v1/search' ? { query: q, k: 8 } : { question: q });

async function run(url: string, route: string, connections: number, duration = SECONDS) {
  const result = await autocannon({
    url,
    connections,
    duration,
    // The load generator in its own thread: on the server's event loop it would take the CPU
    // the server is being measured on.
    workers: 1,
    requests: questions.map((q) => ({ method: 'POST', path: route, headers: { 'content-type': 'application/json' }, body: body(route, q) })),
  });
  const l = result.latency;
  return {
    route,
    connections,
    'req/s': Math.round(result.requests.average),
    'p50 ms': l.p50,
    'p97.5 ms': l.p97_5,
    'p99 ms': l.p99,
    'max ms': l.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

let served: Served | undefined;
const workDir = await mkdtemp(path.join(tmpdir(), 'tqa-bench-http-'));
try {
  let indexDir = INDEX_DIR;
  if (!indexDir) {
    indexDir = path.join(workDir, 'index');
    await ingest({ paths: [SEEDS], indexDir, embedder: new LocalEmbedder(), chunkMaxTokens: 300 });
  }
  // The server measured is the one `npm start` runs, in its own process (bench/served.ts); what
  // the index holds is asked of it, as a client would, rather than read a second time here.
  served = await startServed(indexDir, { SEARCH_THREADS: process.env.SEARCH_THREADS });
  const url = served.url;
  const ready = (await (await fetch(`${url}/readyz`)).json()) as { chunks: number; calls: number };
  if (INDEX_DIR) {
    const { calls } = (await (await fetch(`${url}/v1/calls`)).json()) as { calls: CallMeta[] };
    const named = calls.filter((c) => c.company && c.fiscalQuarter && c.fiscalYear);
    const step = Math.max(1, Math.floor(named.length / 40));
    questions = named
      .filter((_, i) => i % step === 0)
      .slice(0, 40)
      .map((c, i) => LIBRARY_QUESTIONS[i % LIBRARY_QUESTIONS.length](c.companyAliases?.[0] ?? c.company!, `Q${c.fiscalQuarter} ${c.fiscalYear}`, i));
  }
  const { SEARCH_THREADS } = loadServerConfig({ SEARCH_THREADS: process.env.SEARCH_THREADS });
  const threads = searchThreadCount(SEARCH_THREADS, ready.chunks, availableParallelism());
  console.log(
    `${INDEX_DIR ? `index ${INDEX_DIR}` : 'seed index'}: ${ready.calls} calls, ${ready.chunks} chunks; ${SECONDS} s per pass, ${questions.length} rotating questions; ` +
      `server ${served.entry}, ${threads} search threads beside the server's (SEARCH_THREADS=${SEARCH_THREADS})`,
  );
  // The anchor, in the same process and run: a bare Fastify route that replies with a body of
  // the same size as the route's (JSON, parsed and serialised), i.e. the server's ceiling.
  const ceiling = Fastify({ logger: false });
  const replies = new Map<string, string>();
  for (const route of ROUTES) {
    const res = await fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(route, questions[0]) });
    replies.set(route, await res.text());
    ceiling.post(route, async (request) => {
      void request.body;
      return JSON.parse(replies.get(route)!) as unknown;
    });
  }
  const ceilingUrl = await ceiling.listen({ host: '127.0.0.1', port: 0 });
  const rows = [];
  const ratios = [];
  // Steady state is what is measured: a warm-up per route (JIT compilation, first-seen chunks'
  // sentence analysis) is run and discarded first, all of them before the first measured pass:
  // the heap is still settling after the index load then (full collections of the ~700 MB read),
  // which cost the first route measured a third of its throughput and 300 ms tails (real index).
  // V8 compiles for a while: a server on the real index spent 12 CPU-s compiling in its first 30 s
  // under load (deoptimised and recompiled functions among them), 0.4 s in the next 30 s.
  if (WARMUP > 0) for (const route of ROUTES) await run(url, route, CONNECTIONS, WARMUP);
  // The route and its anchor alternate, PAIRS times: on a shared machine the throughput of both
  // drifts by ±15% over a minute (other tenants' load), so a ratio of two passes taken a few seconds
  // apart is what is compared, and the median of the pairs' ratios is reported.
  for (const route of ROUTES) {
    const pairs: number[] = [];
    const rates: number[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const loaded = await run(url, route, CONNECTIONS);
      const trivial = { ...(await run(ceilingUrl, route, CONNECTIONS)), route: `anchor: trivial ${route} (${replies.get(route)!.length} B reply)` };
      rows.push(loaded, trivial);
      pairs.push(loaded['req/s'] / trivial['req/s']);
      rates.push(loaded['req/s']);
    }
    rows.push(await run(url, route, 4), await run(url, route, 1));
    const pct = (r: number) => `${(100 * r).toFixed(0)}%`;
    ratios.push(`${route}: ${Math.round(median(rates))} req/s, ${pct(median(pairs))} of the trivial route at ${CONNECTIONS} connections (median of ${PAIRS} alternated pairs: ${pairs.map(pct).join(', ')})`);
  }
  console.table(rows);
  console.log(ratios.join('\n'));
  await ceiling.close();
} finally {
  await served?.stop();
  await rm(workDir, { recursive: true, force: true });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
