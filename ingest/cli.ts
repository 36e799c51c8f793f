import { Command, Option } from 'commander';
import { ConfigError, loadIngestConfig, type IngestConfig } from './config.ts';
import { createEmbedder } from './embedders/create.ts';
import { loadEnvFile } from './env-file.ts';
import { ingest, type IngestOptions } from './pipeline.ts';
import { createProgressReporter } from './progress.ts';
import { formatSummary, formatTimings } from './summary.ts';

// The only file of ingest/ that reads argv and the environment.
const program = new Command()
  .name('npm run ingest --')
  // `remove`'s own --index and --json, written after it, are its options, not the main command's.
  .enablePositionalOptions()
  .description('Parse transcripts, chunk them by speaker turn, embed them and write the search index atomically.')
  .argument('[paths...]', 'transcript files or folders (default: TRANSCRIPTS_DIR, i.e. seeds/)')
  .option('--index <dir>', 'index directory (default: INDEX_DIR, i.e. data/index)')
  .addOption(new Option('--embedder <name>', 'embedder to use (default: EMBEDDER, i.e. local)').choices(['local', 'openai']))
  .option('--max-tokens <n>', 'token budget of a chunk (default: CHUNK_MAX_TOKENS, i.e. 300)')
  .option('--workers <n>', 'worker threads that parse, chunk and embed (default: INGEST_WORKERS, else one per available core; 0: none)')
  .option('--json', 'print the summary as JSON (no progress bar); it always holds `timings`')
  .option('--timings', 'print the wall-clock seconds of each ingest phase after the summary')
  .option('--prune', "remove the index's calls whose files are not among the paths (default: keep them)")
  .addHelpText(
    'after',
    `
Examples:
  npm run ingest                       # ingest seeds/ into data/index
  npm run ingest -- calls/ --json      # ingest a folder, machine-readable summary
  npm run ingest -- a.vtt b.srt --index /tmp/idx
  npm run ingest -- calls/ --prune     # the index becomes exactly calls/
  npm run ingest -- remove 000_4ea6    # remove a call by id

Files that cannot be parsed are reported with path and line and skipped; the
exit code is then 1, after the rest has been indexed. Ingest adds and updates:
the index's other calls stay (--prune or \`remove\` take calls out). Unchanged
files are reused without re-parsing or re-embedding; when nothing changed,
nothing is written.`,
  )
  .action(async (paths: string[], flags: Flags) => {
    const config = configFrom(flags);
    await run(config, flags, { paths: paths.length > 0 ? paths : [config.TRANSCRIPTS_DIR], prune: flags.prune === true });
  });

program
  .command('remove')
  .description('Remove calls from the index by id (see GET /v1/calls), then write the new generation atomically.')
  .argument('<ids...>', 'call ids')
  .option('--index <dir>', 'index directory (default: INDEX_DIR, i.e. data/index)')
  .option('--json', 'print the summary as JSON')
  .action(async (ids: string[], flags: Flags) => {
    const config = configFrom({ ...program.opts<Flags>(), ...flags });
    await run(config, flags, { paths: [], removeIds: ids });
  });

interface Flags {
  index?: string;
  embedder?: string;
  maxTokens?: string;
  workers?: string;
  json?: boolean;
  timings?: boolean;
  prune?: boolean;
}

function configFrom(flags: Flags): IngestConfig {
  // .env first (a real environment variable wins), then the flags.
  loadEnvFile(process.env);
  return loadIngestConfig({
    ...process.env,
    ...(flags.index && { INDEX_DIR: flags.index }),
    ...(flags.embedder && { EMBEDDER: flags.embedder }),
    ...(flags.maxTokens && { CHUNK_MAX_TOKENS: flags.maxTokens }),
    ...(flags.workers && { INGEST_WORKERS: flags.workers }),
  });
}

async function run(config: IngestConfig, flags: Flags, what: Pick<IngestOptions, 'paths' | 'prune' | 'removeIds'>): Promise<void> {
  const progress = createProgressReporter({ enabled: !flags.json && process.stderr.isTTY === true });
  const summary = await ingest({
    ...what,
    indexDir: config.INDEX_DIR,
    embedder: await createEmbedder(config),
    chunkMaxTokens: config.CHUNK_MAX_TOKENS,
    workers: config.INGEST_WORKERS,
    onEvent: progress.onEvent,
  }).finally(progress.stop);
  process.stdout.write(flags.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
  if (flags.timings && !flags.json) process.stdout.write(formatTimings(summary));
  if (summary.skipped.length > 0 || !summary.manifest) process.exitCode = 1;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`ingest failed: ${message}\n`);
  process.exitCode = 2;
});
