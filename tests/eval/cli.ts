import { Command } from 'commander';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalEmbedder } from '../../ingest/embedders/local.ts';
import { openIndex } from '../../ingest/index-store/read.ts';
import { ingest } from '../../ingest/pipeline.ts';
import { loadIngestConfig } from '../../ingest/config.ts';
import { createRetriever } from '../../server/rag/retrieve.ts';
import { evaluateRetrieval, formatReport } from './evaluate.ts';
import { EVAL_SET_PATH, loadEvalSet } from './load-eval-set.ts';

const root = path.resolve(import.meta.dirname, '../..');

const program = new Command()
  .name('npm run eval --')
  .description('Ingest seeds/ into a temporary index with the local embedder and measure retrieval on the eval set.')
  .option('--questions <file>', 'eval set (JSON)', EVAL_SET_PATH)
  .option('--transcripts <dir>', 'transcripts to ingest', path.join(root, 'seeds'))
  .option('--json', 'print the report as JSON')
  .action(async (flags: { questions: string; transcripts: string; json?: boolean }) => {
    const work = await mkdtemp(path.join(tmpdir(), 'tqa-eval-'));
    try {
      const embedder = new LocalEmbedder();
      const indexDir = path.join(work, 'index');
      const { CHUNK_MAX_TOKENS } = loadIngestConfig({});
      await ingest({ paths: [flags.transcripts], indexDir, embedder, chunkMaxTokens: CHUNK_MAX_TOKENS });
      const index = await openIndex(indexDir, { expectEmbedderId: embedder.id });
      const report = await evaluateRetrieval(await loadEvalSet(flags.questions), index, createRetriever(index, embedder));
      process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

await program.parseAsync(process.argv);
