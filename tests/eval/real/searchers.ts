import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Embedder } from '../../../ingest/embedders/embedder.ts';
import type { OpenIndex } from '../../../ingest/index-store/types.ts';
import { loadServerConfig } from '../../../server/config.ts';
import { createRag } from '../../../server/rag/create-rag.ts';
import type { Retriever } from '../../../server/rag/retrieval/retrieve.ts';
import { buildBm25, splitLines, type Bm25, type Window } from './bm25-baseline.ts';
import { firstSentence, type Answerer } from './answer-metrics.ts';
import type { Search } from './evaluate-real.ts';
import { fileStem } from './real-sets.ts';

const DEPTH = 10;

/** The product: hybrid retrieval over its own index; inside one file via the callIds filter. */
export function productSearch(index: OpenIndex, retrieve: Retriever): Search {
  const callIdOfFile = new Map(index.calls.map((d) => [d.call.file, d.call.id]));
  return async (query, withinFile) => {
    const callId = withinFile === undefined ? undefined : callIdOfFile.get(withinFile);
    // A file ingest skipped has nothing to find: a miss, not a search of the whole library.
    if (withinFile !== undefined && callId === undefined) return { results: [] };
    const r = await retrieve(query, { k: DEPTH, ...(callId && { filters: { callIds: [callId] } }) });
    return {
      covered: r.covered,
      results: r.results.map(({ chunk }) => ({ stem: fileStem(chunk.file), startLine: chunk.startLine, endLine: chunk.endLine, lines: chunk.lines })),
    };
  };
}

const readLines = async (file: string) => splitLines((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));

/** Relative names of the non-hidden files of a corpus folder, sorted. */
export async function corpusFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((rel) => !rel.split('/').some((part) => part.startsWith('.')))
    .sort();
}

const toResults = (bm25: Bm25, query: string) =>
  bm25.search(query, DEPTH).map(({ window: w }) => ({ stem: fileStem(w.file), startLine: w.startLine, endLine: w.endLine }));

/** BM25 over every window of the corpus (whole-library questions), built once for searching and answering. */
export async function baselineLibrary(dir: string, windowsOf: (file: string, lines: string[]) => Window[]): Promise<{ search: Search; answer: Answerer }> {
  const windows: Window[] = [];
  for (const file of await corpusFiles(dir)) windows.push(...windowsOf(file, await readLines(path.join(dir, file))));
  const bm25 = buildBm25(windows);
  return { search: async (query) => ({ results: toResults(bm25, query) }), answer: baselineAnswerer(bm25) };
}

/** Baseline over every window of the corpus (whole-library questions). */
export async function baselineLibrarySearch(dir: string, windowsOf: (file: string, lines: string[]) => Window[]): Promise<Search> {
  return (await baselineLibrary(dir, windowsOf)).search;
}

/**
 * The baseline answerer: the first sentence (at most ~300 characters) of the top BM25 window, cited
 * as that window's whole line range. It never abstains (nothing found: an empty answer, no citation).
 */
export const baselineAnswerer =
  (bm25: Bm25): Answerer =>
  async (question) => {
    const top = bm25.search(question, 1)[0]?.window;
    if (!top) return { answer: '', answered: true, citations: [] };
    return { answer: firstSentence(top.text), answered: true, citations: [{ file: top.file, startLine: top.startLine, endLine: top.endLine }] };
  };

/**
 * The product's answerer as `POST /v1/ask` runs it with no chat model configured (LLM_PROVIDER
 * none: the extractive answer), in process: `createRag` over the index, `ask({ question })` with
 * no k, filters or conversation, as a bare request body would.
 */
export async function productAnswerer(index: OpenIndex, embedder: Embedder): Promise<Answerer> {
  const rag = await createRag(loadServerConfig({ LLM_PROVIDER: 'none' }), index, embedder);
  if (rag.mode !== 'extractive') throw new Error(`expected the offline answerer, got mode ${rag.mode}`);
  return (question) => rag.ask.ask({ question });
}

/** Baseline inside one file: BM25 over that file's windows only (its statistics too), built when first asked. */
export function baselineFileSearch(dir: string, windowsOf: (file: string, lines: string[]) => Window[]): Search {
  const built = new Map<string, Promise<Bm25>>();
  return async (query, withinFile) => {
    if (withinFile === undefined) throw new Error('baselineFileSearch needs a file');
    let bm25 = built.get(withinFile);
    if (!bm25) built.set(withinFile, (bm25 = readLines(path.join(dir, withinFile)).then((lines) => buildBm25(windowsOf(withinFile, lines)))));
    return { results: toResults(await bm25, query) };
  };
}
