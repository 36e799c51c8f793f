import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError } from '../../ingest/config.ts';
import { createEmbedder } from '../../ingest/embedders/create.ts';
import { loadEnvFile } from '../../ingest/env-file.ts';
import { ROLES, SECTIONS, type Role, type Section } from '../../ingest/types.ts';
import { loadServerConfig } from '../config.ts';
import { openOrBuildIndex } from '../index-bootstrap.ts';
import { createRag } from '../rag/create-rag.ts';
import type { SearchFilters } from '../rag/retrieval/filters.ts';
import { MAX_K } from '../routes/shared/schemas.ts';
import { formatAnswer } from './format-answer.ts';

// `npm run ask -- "question"`: the same retrieval and answering as POST /v1/ask, without a server.
// Exit codes: 0 answered (or abstained), 1 failure, 2 bad usage.

interface Flags {
  k?: string;
  call: string[];
  speaker: string[];
  role: Role[];
  section: Section[];
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** A repeatable option limited to `allowed` (commander's choices() does not combine with collecting). */
const oneOf =
  (allowed: readonly string[]) =>
  (value: string, previous: string[]): string[] => {
    if (!allowed.includes(value)) throw new InvalidArgumentError(`Allowed choices are ${allowed.join(', ')}.`);
    return [...previous, value];
  };

// Progress and warnings go to stderr as plain lines, so stdout holds only the answer.
const stderrLog = {
  info: (_obj: object, msg?: string) => void process.stderr.write(`${msg ?? ''}\n`),
  warn: (_obj: object, msg?: string) => void process.stderr.write(`warning: ${msg ?? ''}\n`),
};

const program = new Command()
  .name('npm run ask --')
  .description('Answer a question about the indexed transcripts, with citations to exact lines.')
  .argument('<question...>', 'the question (quote it, or the words are joined)')
  .option('--k <n>', `passages to retrieve, 1..${MAX_K} (default 8)`)
  .option('--call <id>', 'only this call (repeatable; ids from GET /v1/calls)', collect, [])
  .option('--speaker <name>', 'only this speaker (repeatable)', collect, [])
  .addOption(new Option('--role <role>', 'only this role (repeatable): management, analyst, operator, other').argParser(oneOf(ROLES)).default([]))
  .addOption(new Option('--section <section>', 'only this section (repeatable): prepared, qa').argParser(oneOf(SECTIONS)).default([]))
  .option('--json', 'print the full result as JSON')
  .addHelpText(
    'after',
    `
Examples:
  npm run ask -- "What was the operating margin in Q1?"
  npm run ask -- "What did the CFO say about guidance?" --role management --section qa
  npm run ask -- "churn" --call 000_4ea6a2434226ac97 --k 5 --json

Reads INDEX_DIR (building it from TRANSCRIPTS_DIR when missing) and answers with an LLM when
OPENAI_API_KEY or OPENAI_BASE_URL is set, extractively otherwise.`,
  )
  .exitOverride()
  .action(async (words: string[], flags: Flags) => {
    const question = words.join(' ').trim();
    if (!question) program.error('error: the question is empty', { exitCode: 2 });
    const k = flags.k === undefined ? undefined : Number(flags.k);
    if (k !== undefined && !(Number.isInteger(k) && k >= 1 && k <= MAX_K)) program.error(`error: --k must be an integer from 1 to ${MAX_K}`, { exitCode: 2 });
    const filters: SearchFilters = { callIds: flags.call, speakers: flags.speaker, roles: flags.role, sections: flags.section };

    loadEnvFile(process.env);
    const config = loadServerConfig(process.env);
    const embedder = await createEmbedder(config);
    const index = await openOrBuildIndex(config, embedder, stderrLog);
    const rag = await createRag(config, index, embedder, stderrLog);
    const result = await rag.ask.ask({ question, k, filters });
    if (result.degraded) stderrLog.warn({}, `the LLM answer failed (${result.degradedReason ?? 'unknown'}); showing the extractive answer`);
    process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : formatAnswer(result));
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // Help and version are not failures; every other commander error is a usage mistake.
    process.exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    return;
  }
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`ask failed: ${message}\n`);
  process.exitCode = error instanceof ConfigError ? 2 : 1;
});
