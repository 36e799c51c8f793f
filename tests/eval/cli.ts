import { Command, InvalidArgumentError } from 'commander';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalEmbedder } from '../../ingest/embedders/local.ts';
import { openIndex } from '../../ingest/index-store/read.ts';
import { ingest } from '../../ingest/pipeline.ts';
import { loadIngestConfig } from '../../ingest/config.ts';
import { createRetriever, DEFAULT_TUNING, type RetrievalTuning } from '../../server/rag/retrieval/retrieve.ts';
import { evaluateRetrieval, formatReport } from './evaluate.ts';
import { EVAL_SET_PATH, loadEvalSet } from './load-eval-set.ts';
import { formatSetReport } from './real/format-report.ts';
import type { Outcome } from './real/evaluate-real.ts';
import { EvalSetError } from './real/real-sets.ts';
import { runRealSets } from './real/run-real.ts';

const root = path.resolve(import.meta.dirname, '../..');

interface Flags {
  questions?: string;
  transcripts: string;
  corpus?: string;
  silver?: string;
  meetings?: string;
  spans?: string;
  cache: string;
  limit?: number;
  showMisses?: boolean;
  json?: boolean;
  /** On unless --no-answers: answer the whole-library questions too. */
  answers: boolean;
  tuning?: RetrievalTuning;
}

/** `--tuning '{"denseWeight":0}'`: the default tuning with these fields replaced (ablations, sweeps). */
const tuningOverride = (value: string): RetrievalTuning => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('expected a JSON object, e.g. \'{"denseWeight":0}\'');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError('expected a JSON object');
  const unknown = Object.keys(parsed).filter((key) => !(key in DEFAULT_TUNING));
  if (unknown.length) throw new InvalidArgumentError(`unknown tuning field(s): ${unknown.join(', ')}`);
  return { ...DEFAULT_TUNING, ...(parsed as Partial<RetrievalTuning>) };
};

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number');
  return n;
};

/** The original mode: seeds/ into a temporary index, the project's own question set. */
async function evaluateSeeds(flags: Flags): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'tqa-eval-'));
  try {
    const embedder = new LocalEmbedder();
    const indexDir = path.join(work, 'index');
    const { CHUNK_MAX_TOKENS } = loadIngestConfig({});
    await ingest({ paths: [flags.transcripts], indexDir, embedder, chunkMaxTokens: CHUNK_MAX_TOKENS });
    const index = await openIndex(indexDir, { expectEmbedderId: embedder.id });
    const report = await evaluateRetrieval(await loadEvalSet(flags.questions ?? EVAL_SET_PATH), index, createRetriever(index, embedder, flags.tuning));
    process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function evaluateReal(flags: Flags, fail: (message: string) => never): Promise<void> {
  if (flags.silver && !flags.corpus) fail('--silver needs --corpus (the calls folder its bullets refer to)');
  if (flags.corpus && !flags.questions && !flags.silver) fail('--corpus needs --questions and/or --silver');
  if (!!flags.meetings !== !!flags.spans) fail('--meetings and --spans go together');
  const started = performance.now();
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const reports = await runRealSets({
    corpus: flags.corpus,
    questions: flags.corpus ? flags.questions : undefined,
    silver: flags.silver,
    meetings: flags.meetings,
    spans: flags.spans,
    cacheDir: path.resolve(flags.cache),
    ingestCodeDir: path.join(root, 'ingest'),
    embedder: new LocalEmbedder(),
    chunkMaxTokens: loadIngestConfig({}).CHUNK_MAX_TOKENS,
    limit: flags.limit,
    answers: flags.answers,
    tuning: flags.tuning,
    log,
    onReport: (report, seconds) => {
      if (!flags.json) process.stdout.write(`\n${formatSetReport(report, { showMisses: flags.showMisses, seconds })}\n`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  if (flags.json) {
    // Misses' passages are only useful to people; machines get the ranks.
    // Likewise the system's answer text and citations: only with --show-misses.
    const answerOf = (a: Outcome['answer']) => {
      if (!a) return {};
      const { text, citations, ...system } = a.system;
      return { answer: { ...a, system: flags.showMisses ? a.system : system } };
    };
    const sets = reports.map((r) => ({
      ...r,
      outcomes: r.outcomes.map(({ top, answer, ...o }) => ({
        ...o,
        rank: o.rank ?? null,
        baselineRank: o.baselineRank ?? null,
        ...(flags.showMisses && { top }),
        ...answerOf(answer),
      })),
    }));
    process.stdout.write(`${JSON.stringify({ seconds, sets }, null, 2)}\n`);
  } else process.stdout.write(`\ntotal ${seconds.toFixed(1)} s\n`);
}

const program = new Command()
  .name('npm run eval --')
  .description(
    'Measure retrieval. Without --corpus/--meetings: ingest seeds/ into a temporary index and score the project\'s ' +
      'question set. With them: score real sets given by path (never copied into the project) against the product ' +
      'index (built once per corpus and ingest code into the cache) and a plain BM25 baseline, side by side.',
  )
  .option('--questions <file>', `with --corpus: whole-library questions (hit@5 per kind, MRR@10, "not covered"); without: the seeds question set (default ${path.relative(root, EVAL_SET_PATH)})`)
  .option('--transcripts <dir>', 'seeds mode: transcripts to ingest', path.join(root, 'seeds'))
  .option('--corpus <dir>', 'folder of real call transcripts (e.g. ../shared/real/calls)')
  .option('--silver <file>', 'with --corpus: summary bullets, each searched inside its own call (recall@5, MRR@10)')
  .option('--meetings <dir>', 'folder of meeting transcripts (with --spans)')
  .option('--spans <file>', 'meeting queries with relevant line spans, each searched inside its own meeting')
  .option('--cache <dir>', 'where real indexes are kept, one folder <name>-<hash> per corpus', path.join(root, '.cache', 'eval'))
  .option('--limit <n>', 'evaluate only the first n questions of each real set', positiveInt)
  .option('--no-answers', 'with --corpus --questions: measure retrieval only, do not answer the questions')
  .option('--show-misses', "list missed question ids with the system's top 3 passages (file:lines), and answer misses with the system's answer and citations")
  .option('--json', 'print the report as JSON')
  .option('--tuning <json>', 'replace fields of the retriever\'s default tuning, e.g. \'{"denseWeight":0}\' (ablations)', tuningOverride)
  .addHelpText(
    'after',
    `
Examples:
  npm run eval                                     # seeds/ and tests/eval/questions.json
  npm run eval -- --meetings ../shared/real/meetings --spans ../shared/real/meetings-dev.json --limit 200
  npm run eval -- --corpus ../shared/real/calls --questions ../shared/real/questions-dev.json \\
                  --silver ../shared/real/silver-dev.json --show-misses
  npm run eval:real                                # all three real sets

Metrics (system = the product's retriever, baseline = BM25 k1 1.2 b 0.75 on ~1,000-character windows of
whole lines for calls, 10-line non-overlapping windows for meetings; ranks within the top 10):
  hit@5    share of questions with a top-5 passage holding a gold line of a gold call (comparisons: each of
           their calls needs one); for meetings, a passage overlapping an annotated span
  MRR@10   mean of 1/rank of the first hit (comparisons: the rank at which the last call is covered)
  not covered  questions whose retrieval confidence is below the product's threshold (unanswerable: want all)

Answers (whole-library questions, unless --no-answers; system = POST /v1/ask with no chat model, the
extractive answer; baseline = first sentence, ≤ ~300 characters, of the top BM25 window, cited as the
window's lines, never abstaining), counted per kind and over all answerable questions:
  correct        the answer contains one of "any" (compare: each of "all"), compared lower case with
                 whitespace, quotes, "$", thousands commas and "percent"/"%" normalised
  cited          a citation's lines overlap a gold line of a gold call
  correct+cited  both: the headline figure
  abstained      answered: false (unanswerable: want all; answerable: want ≤ 3)
The first run on a corpus builds its index (calls: a few minutes); later runs reuse it until the corpus, the
code under ingest/ or the chunking settings change.`,
  )
  .action(async (flags: Flags) => {
    const real = flags.corpus || flags.meetings || flags.spans || flags.silver;
    if (real) await evaluateReal(flags, (message) => program.error(`error: ${message}`));
    else await evaluateSeeds(flags);
  });

await program.parseAsync(process.argv).catch((error: unknown) => {
  // A bad set file is the user's to fix: its message names the file and field, a stack adds nothing.
  if (!(error instanceof EvalSetError)) throw error;
  process.stderr.write(`eval failed: ${error.message}\n`);
  process.exitCode = 2;
});
