import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { LocalEmbedder } from '../ingest/embedders/local.ts';
import { openIndex } from '../ingest/index-store/read.ts';
import { ingest } from '../ingest/pipeline.ts';
import { buildApp } from '../server/app.ts';
import { loadServerConfig } from '../server/config.ts';
import { printUsageIfAsked } from './usage.ts';

// HTTP throughput and latency of the API over the seed index, the app in this process on
// loopback, extractive answers. Targets on a 2-core machine: search ≥ 2,000 req/s, ask ≥ 800
// req/s, p99 < 25 ms, no errors. Usage: tsx bench/http.ts [seconds=10] [connections=32]
//
// Two passes per route. First CONNECTIONS connections, each sending as fast as it is answered:
// throughput, and a latency that is mostly queueing (Little's law: 32 connections at 800 req/s
// wait 40 ms on average whatever the server does). Then 4 connections: the latency of a busy
// but not saturated server. (autocannon's fixed-rate mode sends in bursts, which measures the
// bursts instead.)
printUsageIfAsked(`
Usage: npm run bench:http [-- seconds=10 connections=32 routes=search,ask]
req/s and latency of POST /v1/search and /v1/ask (extractive) on the seed index, over loopback.
Targets: search >= 2,000 req/s, ask >= 800 req/s, p99 < 25 ms, no errors.
`);
const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = Number(process.argv[3] ?? 32);
const ROUTES = (process.argv[4] ?? 'search,ask').split(',').map((r) => `/v1/${r.trim()}`);
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

const body = (route: string, q: string) => JSON.stringify(route === '/v1/search' ? { query: q, k: 8 } : { question: q });

async function run(url: string, route: string, connections: number, duration = SECONDS) {
  const result = await autocannon({
    url,
    connections,
    duration,
    // The load generator in its own thread: on the server's event loop it would take the CPU
    // the server is being measured on.
    workers: 1,
    requests: QUESTIONS.map((q) => ({ method: 'POST', path: route, headers: { 'content-type': 'application/json' }, body: body(route, q) })),
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

const workDir = await mkdtemp(path.join(tmpdir(), 'tqa-bench-http-'));
try {
  const indexDir = path.join(workDir, 'index');
  const embedder = new LocalEmbedder();
  await ingest({ paths: [SEEDS], indexDir, embedder, chunkMaxTokens: 300 });
  const index = await openIndex(indexDir, { expectEmbedderId: embedder.id });
  const config = loadServerConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MIN: '0', INDEX_DIR: indexDir });
  const app = await buildApp(config, { index, embedder });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(`seed index: ${index.chunks.length} chunks; ${SECONDS} s per pass, ${QUESTIONS.length} rotating questions`);
  const rows = [];
  for (const route of ROUTES) {
    // Steady state is what is measured: a 2 s warm-up (JIT compilation, first-seen chunks'
    // sentence analysis) is run and discarded first.
    await run(url, route, CONNECTIONS, 2);
    rows.push(await run(url, route, CONNECTIONS), await run(url, route, 4));
  }
  console.table(rows);
  await app.close();
} finally {
  await rm(workDir, { recursive: true, force: true });
}
