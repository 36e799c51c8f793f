import path from 'node:path';
import type { Embedder } from '../../../ingest/embedders/embedder.ts';
import { createRetriever, type RetrievalTuning } from '../../../server/rag/retrieval/retrieve.ts';
import { charWindows, lineWindows, type Window } from './bm25-baseline.ts';
import { evaluateLibrary, evaluateMeetings, evaluateSilver, type SetReport } from './evaluate-real.ts';
import { openCachedIndex } from './index-cache.ts';
import { createIngestProgress } from './ingest-progress.ts';
import { loadLibraryQuestions, loadMeetingQuestions, loadSilverQuestions } from './real-sets.ts';
import { baselineFileSearch, baselineLibrary, productAnswerer, productSearch } from './searchers.ts';

export interface RealRunOptions {
  corpus?: string;
  questions?: string;
  silver?: string;
  meetings?: string;
  spans?: string;
  cacheDir: string;
  ingestCodeDir: string;
  embedder: Embedder;
  chunkMaxTokens: number;
  limit?: number;
  /** Whole-library set: also answer each question (the product's offline answerer and the baseline's). */
  answers?: boolean;
  /** The retriever's tuning (default: DEFAULT_TUNING). */
  tuning?: RetrievalTuning;
  log: (message: string) => void;
  /** Called as each set is done, so long runs print figures as they come. */
  onReport: (report: SetReport, seconds: number) => void;
}

// The baseline's passages: ~1,000 characters of whole lines for calls (a long paragraph alone);
// 10 lines, non-overlapping, for meetings (one turn a line, turns are short).
const callWindows = (file: string, lines: string[]): Window[] => charWindows(file, lines, 1000);
const meetingWindows = (file: string, lines: string[]): Window[] => lineWindows(file, lines, 10);

const first = <T>(items: T[], limit?: number) => (limit === undefined ? items : items.slice(0, limit));

async function timed(run: () => Promise<SetReport>, onReport: RealRunOptions['onReport']): Promise<SetReport> {
  const started = performance.now();
  const report = await run();
  onReport(report, (performance.now() - started) / 1000);
  return report;
}

/** Every real set asked for, the calls' sets on one index and the meetings' on another, each built or reused once. */
export async function runRealSets(opts: RealRunOptions): Promise<SetReport[]> {
  const reports: SetReport[] = [];
  const openIndexOf = async (name: string, corpusDir: string) => {
    const progress = createIngestProgress();
    try {
      const { index } = await openCachedIndex({ ...opts, name, corpusDir, onEvent: progress.onEvent });
      return { index, search: productSearch(index, createRetriever(index, opts.embedder, opts.tuning)) };
    } finally {
      progress.stop();
    }
  };

  // Every set is read and checked first: a malformed file fails in a second, not after an index build.
  const library = opts.corpus && opts.questions ? first(await loadLibraryQuestions(opts.questions), opts.limit) : undefined;
  const silver = opts.corpus && opts.silver ? first(await loadSilverQuestions(opts.silver), opts.limit) : undefined;
  const meetings = opts.meetings && opts.spans ? first(await loadMeetingQuestions(opts.spans), opts.limit) : undefined;

  if (opts.corpus && (library || silver)) {
    const system = await openIndexOf('calls', opts.corpus);
    if (library) {
      opts.log(`baseline: BM25 over ~1,000-character windows of every file in ${opts.corpus}`);
      const baseline = await baselineLibrary(opts.corpus, callWindows);
      const answerers = opts.answers ? { system: await productAnswerer(system.index, opts.embedder), baseline: baseline.answer } : undefined;
      reports.push(await timed(() => evaluateLibrary(library, system.search, baseline.search, path.basename(opts.questions!), answerers), opts.onReport));
    }
    if (silver) {
      const baseline = baselineFileSearch(opts.corpus, callWindows);
      reports.push(await timed(() => evaluateSilver(silver, system.search, baseline, path.basename(opts.silver!)), opts.onReport));
    }
  }
  if (opts.meetings && meetings) {
    const system = await openIndexOf('meetings', opts.meetings);
    const baseline = baselineFileSearch(opts.meetings, meetingWindows);
    reports.push(await timed(() => evaluateMeetings(meetings, system.search, baseline, path.basename(opts.spans!)), opts.onReport));
  }
  return reports;
}
