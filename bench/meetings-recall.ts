import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalEmbedder } from '../ingest/embedders/local.ts';
import { callIdFromPath } from '../ingest/formats/call-meta/call-id.ts';
import { openIndex } from '../ingest/index-store/read.ts';
import { ingest } from '../ingest/pipeline.ts';
import { analyze } from '../ingest/text/analyze.ts';
import { createRetriever, DEFAULT_TUNING } from '../server/rag/retrieval/retrieve.ts';

// Throwaway measurement of retrieval on a folder of "Speaker: text" meetings with a question
// file {questions:[{id,q,file,spans}]}: each question is searched inside its own meeting.
// Reads the data from wherever it lives; commits none of it.
// Usage: tsx bench/meetings-recall.ts <meetings dir> <questions.json> [maxTokens…] [--bm25] [--lexical-only]
const args = process.argv.slice(2);
const [dir, questionsFile] = args;
const budgets = args.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
const flags = new Set(args.filter((a) => a.startsWith('--')));

interface Q { id: string; q: string; file: string; spans: [number, number][] }
const questions: Q[] = JSON.parse(await readFile(questionsFile, 'utf8')).questions;

const overlaps = (q: Q, from: number, to: number) => q.spans.some(([a, b]) => from <= b && a <= to);

function score(ranked: (q: Q) => [number, number][]) {
  let r5 = 0;
  let mrr = 0;
  let lines = 0;
  for (const q of questions) {
    const hits = ranked(q);
    if (hits.slice(0, 5).some(([a, b]) => overlaps(q, a, b))) r5++;
    const i = hits.slice(0, 10).findIndex(([a, b]) => overlaps(q, a, b));
    if (i >= 0) mrr += 1 / (i + 1);
    lines += hits.slice(0, 5).reduce((n, [a, b]) => n + b - a + 1, 0) / Math.max(1, Math.min(5, hits.length));
  }
  const n = questions.length;
  return `recall@5 ${(r5 / n).toFixed(3)}  MRR@10 ${(mrr / n).toFixed(3)}  mean lines/result ${(lines / n).toFixed(1)}`;
}

// Reference: plain BM25 (k1 1.2, b 0.75) over non-overlapping 10-line windows of each meeting.
async function bm25Windows(size: number) {
  const byFile = new Map<string, { from: number; to: number; tf: Map<string, number>; len: number }[]>();
  for (const f of await readdir(dir)) {
    const lines = (await readFile(path.join(dir, f), 'utf8')).split('\n');
    const wins = [];
    for (let s = 2; s <= lines.length; s += size) {
      const terms = analyze(lines.slice(s - 1, s - 1 + size).join('\n'));
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      wins.push({ from: s, to: Math.min(lines.length, s + size - 1), tf, len: terms.length });
    }
    byFile.set(f, wins);
  }
  const all = [...byFile.values()].flat();
  const df = new Map<string, number>();
  for (const w of all) for (const t of w.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const avg = all.reduce((n, w) => n + w.len, 0) / all.length;
  return (q: Q): [number, number][] => {
    const terms = [...new Set(analyze(q.q))];
    return byFile.get(q.file)!
      .map((w) => {
        let s = 0;
        for (const t of terms) {
          const f = w.tf.get(t);
          if (!f) continue;
          const idf = Math.log(1 + (all.length - df.get(t)! + 0.5) / (df.get(t)! + 0.5));
          s += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * w.len) / avg));
        }
        return { w, s };
      })
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s)
      .map(({ w }) => [w.from, w.to] as [number, number]);
  };
}

if (flags.has('--bm25')) for (const size of [10, 15, 30, 45]) console.log(`bm25 ${size}-line windows: ${score(await bm25Windows(size))}`);

for (const maxTokens of budgets.length ? budgets : [300]) {
  const work = await mkdtemp(path.join(tmpdir(), 'tqa-meet-'));
  try {
    const embedder = new LocalEmbedder();
    const indexDir = path.join(work, 'index');
    const summary = await ingest({ paths: [dir], indexDir, embedder, chunkMaxTokens: maxTokens });
    const index = await openIndex(indexDir, { expectEmbedderId: embedder.id });
    for (const variant of flags.has('--lexical-only') ? ['rrf', 'lexical'] : ['rrf']) {
      const tuning = variant === 'lexical' ? { ...DEFAULT_TUNING, denseWeight: 0 } : DEFAULT_TUNING;
      const retrieve = createRetriever(index, embedder, tuning);
      const results = new Map<string, [number, number][]>();
      for (const q of questions) {
        const r = await retrieve(q.q, { k: 10, filters: { callIds: [callIdFromPath(q.file)] } });
        results.set(q.id, r.results.map((x) => [x.chunk.startLine, x.chunk.endLine]));
      }
      if (flags.has('--misses')) {
        for (const q of questions) {
          const top = results.get(q.id)!.slice(0, 5);
          if (!top.some(([a, b]) => overlaps(q, a, b))) console.log(`MISS ${q.id} ${JSON.stringify(q.q)} spans ${JSON.stringify(q.spans)} top ${JSON.stringify(top)}`);
        }
      }
      console.log(`maxTokens ${maxTokens} ${variant} (${summary.chunks} chunks): ${score((q) => results.get(q.id)!)}`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
