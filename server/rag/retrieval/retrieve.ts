import type { Embedder } from '../../../ingest/embedders/embedder.ts';
import type { OpenIndex } from '../../../ingest/index-store/types.ts';
import { analyze } from '../../../ingest/text/analyze.ts';
import { groupsTurns } from '../../../ingest/chunk.ts';
import type { Chunk } from '../../../ingest/types.ts';
import { unitTurns } from '../../../ingest/unit-turns.ts';
import { buildCatalog, type Catalog } from './catalog.ts';
import { createFilterCompiler, speakerMatches, type SearchFilters } from './filters.ts';
import { FRAMING_WORDS } from '../answers/framing-words.ts';
import { answerNeeds, answerSupport, type SupportOptions } from '../answers/answer-support.ts';
import { fuseRankings } from './fuse.ts';
import { initialsOf, namesIn } from '../answers/names-in.ts';
import { smoothByNeighbours } from './neighbour-smoothing.ts';
import { createCallScopes, createScopedBm25 } from './scoped-bm25.ts';
import { wordCount } from '../text-match.ts';
import { turnPassages, type Scored } from './turn-passages.ts';
import { createUnitRoles, roleBits } from './unit-roles.ts';
import { subjectTerms } from './subject-terms.ts';
import { RecentValues } from '../../../ingest/hot-path/recent-values.ts';
import { joinAdjacent, mergeChunks, type TurnSpanPolicy } from './turn-span.ts';
import { understandQuery, type Understood } from '../understanding/understand-query.ts';
import { companiesOf } from '../understanding/companies.ts';
import { libraryEvidence } from '../understanding/evidence.ts';

export interface RetrievedChunk {
  chunk: Chunk;
  ordinal: number;
  callTitle: string;
  scores: { dense: number; lexical: number; fused: number };
}

export interface Retrieval {
  results: RetrievedChunk[];
  understood: Understood;
  /** How well a short stretch of one top passage states what the question asks, 0..1 (answer-support.ts). */
  confidence: number;
  /** False when confidence is below the "not covered" threshold: the transcripts likely do not answer. */
  covered: boolean;
}

export interface RetrieveOptions {
  k?: number;
  filters?: SearchFilters;
}

export interface RetrievalTuning {
  candidates: number;
  lexicalWeight: number;
  denseWeight: number;
  /** denseWeight for a search with its own BM25 statistics (inside about one call, see scopedLexicalChunks). */
  scopedDenseWeight: number;
  /**
   * On an index too large to scan whole, the dense list is not searched beside lexical hits (it would
   * only reorder them); with none, it scans exactly instead of walking the HNSW graph.
   */
  denseOnlyWithoutLexical: boolean;
  speakerBoost: number;
  roleBoost: number;
  callBoost: number;
  /** Questions are rarely answered by the people asking or by the operator: their turns count less unless asked for. */
  analystPrior: number;
  operatorPrior: number;
  /** Chunks with fewer words than this (e.g. "Is there a specific concern?") can hardly answer anything: scaled down in proportion. */
  shortChunkWords: number;
  /** When a turn's other chunks join its best one in a result (see turn-span.ts). */
  turnSpan: TurnSpanPolicy;
  /** When consecutive units of a conversation join into one result (see joinAdjacent). */
  unitSpan: TurnSpanPolicy;
  /** Score factor of a turn's second passage (a part of a long turn no earlier result of it covers), squared for a third…; 0 = one result per turn (see turn-passages.ts). */
  turnRepeat: number;
  /** A search inside calls holding at most this many chunks in all uses their own BM25 statistics (see scoped-bm25.ts); 0 = the library's. */
  scopedLexicalChunks: number;
  /** Inside a conversation, how much a unit's neighbours' lexical scores add to its own (neighbour-smoothing.ts); 0 = off. */
  conversationNeighbours: number;
  /** How many of the top results the coverage confidence looks at, and how. */
  confidenceDepth: number;
  support: SupportOptions;
  notCoveredBelow: number;
}

// Chosen on the dev set's shape (see tests/eval), not on its questions: fixed constants, no per-question cases.
export const DEFAULT_TUNING: RetrievalTuning = {
  candidates: 40,
  lexicalWeight: 1,
  denseWeight: 1,
  // Inside a call the hashed vector only drags the call-scoped BM25 down. Real in-call bullets: recall@5 0.986 → 0.997,
  // MRR@10 0.895 → 0.918. Library-wide it stays: without it the seeds dev set loses a question (recall@5 1.000 → 0.947).
  scopedDenseWeight: 0,
  // The hashed vector holds the question's own words (and concepts, character grams): the graph
  // finds hardly a chunk the lexical search does not, and walking it was the largest cost of a
  // library-wide question (~0.3 ms of ~1 ms). Ranking the lexical candidates by the vector instead
  // only reordered them, and every real figure is identical without it (hit@5 0.942, MRR 0.704,
  // answers 43/52, silver 0.997/0.921, meetings 0.927/0.765); seeds dev and holdout too (an index
  // that small is scanned exactly whatever this says). So it is asked only when the lexical search
  // finds nothing (a typo: the character grams may match).
  denseOnlyWithoutLexical: true,
  speakerBoost: 1,
  roleBoost: 0.5,
  // A call the question names (company, quarter) should win over a better match elsewhere: another
  // company's gross margin is not an answer. No effect on the dev set from 0.25 to 4 (two calls).
  callBoost: 2,
  analystPrior: 0.6,
  operatorPrior: 0.3,
  shortChunkWords: 30,
  // Held-out set: recall@5 0.824 → 0.912, MRR 0.793 → 0.882 (dev unchanged); flat from 0.7 to 0.9.
  turnSpan: { ratio: 0.8, maxParts: 3 },
  // The turn-span policy reused, not fitted: real meetings (300-token units) recall@5 0.855 → 0.910,
  // MRR@10 0.665 → 0.733, results 15 → 31 lines on average.
  unitSpan: { ratio: 0.8, maxParts: 3 },
  // Real calls, in-call bullets (366): recall@5 0.926 → 0.967, MRR@10 0.882 → 0.903; whole library hit@5 0.769 → 0.788;
  // 0.5 is no better than 0 (RRF scores lie close: any discount sends a second passage down the list).
  turnRepeat: 1,
  // About one call (the largest of 1,380 real calls holds 239 chunks). Real in-call bullets: recall@5 0.967 → 0.986,
  // MRR@10 0.903 → 0.895 (0.997 / 0.918 with denseWeight 0); library questions hardly ever search so small a scope.
  scopedLexicalChunks: 300,
  // Real meetings MRR@10 0.725 → 0.754, recall@5 0.905 → 0.911; flat from 0.5 to 1 (see neighbour-smoothing.ts).
  conversationNeighbours: 0.5,
  confidenceDepth: 5,
  // A statement and its neighbour on each side; a synonym from the concept lexicon counts 0.3.
  support: { window: 1, synonymCredit: 0.3 },
  // Calibrated on the real dev questions (64 over 1,380 calls) and the seeds' second set, answerable
  // and unanswerable together: errors of both kinds are fewest, and flat, from 0.27 to 0.31; the
  // middle is taken. Real dev: 9/12 unanswerable abstain, 3/52 answerable do; seeds second set:
  // 5/6 and 3/34; seeds dev: 2/2 and 0/19. See README "Not covered".
  notCoveredBelow: 0.3,
};

// Words that frame a question rather than name its subject (reporting verbs, quantity and time
// questions, hedges); they say nothing about whether the transcripts cover it. General English.
const FRAMING = new Set(analyze(`${FRAMING_WORDS} ask asked question questions call calls company update view plan cite cited note noted highlight highlighted introduce introduced give gave provide provided according much many big large small quickly fast often long still new recent recently latest current currently overall exactly specifically roughly approximately kind sort way look looking see seen`));


// Scores of units that hold none of the question's words: far below any RRF score of a match
// (≥ 1/(60 + depth) times the smallest boost), whatever a unit's length.
const FILL_SCALE = 1e-9;


const PERIOD_TERM = /^(q[1-4]|fy\d{4}|(19|20)\d\d)$/;

export type Retriever = (query: string, opts?: RetrieveOptions) => Promise<Retrieval>;

/**
 * An optional second stage that reorders the best fused results, e.g. a cross-encoder served
 * by a model server (none is available offline, so the default has no reranker). It sees the
 * top `depth` results, one per turn, and returns them in its preferred order.
 */
export interface Reranker {
  readonly depth: number;
  rerank(query: string, results: RetrievedChunk[]): Promise<RetrievedChunk[]>;
}

/**
 * The default tuning for an embedder. The local hashed vector is left out inside a call (measured
 * on real calls, see scopedDenseWeight) and beside lexical hits on a large index (see
 * denseOnlyWithoutLexical); a learned embedder's (EMBEDDER=openai) is fused inside a call too and
 * searched in the graph, as before: it finds what shares no word with the question.
 */
export function defaultTuningFor(embedder: Embedder): RetrievalTuning {
  return embedder.id.startsWith('local:') ? DEFAULT_TUNING : { ...DEFAULT_TUNING, scopedDenseWeight: DEFAULT_TUNING.denseWeight, denseOnlyWithoutLexical: false };
}

export function createRetriever(
  index: OpenIndex,
  embedder: Embedder,
  tuning: RetrievalTuning = defaultTuningFor(embedder),
  reranker?: Reranker,
): Retriever {
  const catalog: Catalog = buildCatalog(index.calls);
  const callTitles = new Map(index.calls.map((d) => [d.call.id, d.call.title]));
  const groupedCalls = new Set(index.calls.filter((d) => groupsTurns(d.call.format)).map((d) => d.call.id));
  const compileFilter = createFilterCompiler(index.chunks);
  const firmOfTurn = new Map(index.calls.flatMap((d) => d.turns.filter((t) => t.firm).map((t) => [t.id, t.firm!] as const)));
  // Merged turn spans, kept for the most recent ones: the same objects come back for related questions.
  const spanCache = new RecentValues<string, Chunk>(2_048);
  const spanChunk = (lo: number, hi: number): Chunk => {
    if (lo === hi) return index.chunks[lo];
    const key = `${lo}-${hi}`;
    let chunk = spanCache.get(key);
    if (!chunk) spanCache.set(key, (chunk = mergeChunks(index.chunks.slice(lo, hi + 1))));
    return chunk;
  };
  // Word counts of chunk texts, computed when first needed (start-up stays fast at 100k chunks).
  const wordCounts = new Int32Array(index.chunks.length).fill(-1);
  const wordsOf = (ordinal: number) => {
    if (wordCounts[ordinal] < 0) wordCounts[ordinal] = wordCount(index.chunks[ordinal].text);
    return wordCounts[ordinal];
  };

  // A chunk's prior before the question's roles count: its speaker's role (analysts and the operator
  // answer little) times its length. Fixed per chunk, so worked out once (NaN until then): ranking a
  // call's hundred chunks read each one's role and words at every question.
  const priors = new Float64Array(index.chunks.length).fill(Number.NaN);
  const lengthPrior = (ordinal: number) =>
    tuning.shortChunkWords > 0 ? Math.min(1, Math.max(0.3, wordsOf(ordinal) / tuning.shortChunkWords)) : 1;
  const priorOf = (ordinal: number) => {
    let prior = priors[ordinal];
    if (Number.isNaN(prior)) {
      const role = index.chunks[ordinal].role;
      priors[ordinal] = prior = (role === 'analyst' ? tuning.analystPrior : role === 'operator' ? tuning.operatorPrior : 1) * lengthPrior(ordinal);
    }
    return prior;
  };

  // Each chunk's turn as a number, for the per-turn grouping of every question: the ordinal of the
  // turn's first chunk (a turn's chunks have consecutive ordinals, as turnPassages expects), found
  // when first read by comparing turn ids with the chunks before it; −1 until then. No id is kept
  // (a stored chunk derives its id, a new string, at each read): 4 bytes a chunk in all.
  const turnStarts = new Int32Array(index.chunks.length).fill(-1);
  const turnNumberOf = (ordinal: number) => {
    if (turnStarts[ordinal] < 0) {
      const id = index.chunks[ordinal].turnId;
      let start = ordinal;
      while (start > 0 && index.chunks[start - 1].turnId === id) start--;
      turnStarts.fill(start, start, ordinal + 1);
    }
    return turnStarts[ordinal];
  };

  const unitRoles = createUnitRoles(index.chunks);

  const scopeOf = createCallScopes(index.chunks);
  // Whether a scope's units are all of conversations: it depends on the list alone, so it is worked
  // out once per list (createCallScopes hands out the same lists again), not from every unit's call
  // at each question.
  const conversationScopes = new WeakMap<readonly number[], boolean>();
  const isConversation = (scope: readonly number[]) => {
    let all = conversationScopes.get(scope);
    if (all === undefined) conversationScopes.set(scope, (all = scope.every((o) => groupedCalls.has(index.chunks[o].callId))));
    return all;
  };
  const sameCall = (a: number, b: number) => index.chunks[b] !== undefined && index.chunks[b].callId === index.chunks[a].callId;
  // The chunk's own words: inside a call its context header (call, speaker, the question answered) tells chunks apart less than it blurs them.
  const scopedLexical = createScopedBm25((o) => analyze(index.chunks[o].text));

  const companyOfCall = new Map(companiesOf(catalog.calls).flatMap((c) => c.callIds.map((id) => [id, c.key] as const)));
  const evidence = libraryEvidence(index, (id) => companyOfCall.get(id));

  return async (query, opts = {}) => {
    const k = opts.k ?? 8;
    const understood = understandQuery(query, catalog, evidence, opts.filters?.callIds);
    const terms = analyze(understood.searchText);
    const searchTerms = subjectTerms(terms, understood, query);
    // Each search's depth: enough for fusion to find what only one of them ranks well, and for k.
    const depth = Math.max(tuning.candidates, 2 * k);
    // Embedded when a search fuses a dense list (a remote embedder is a round trip).
    let queryVector: Float32Array | undefined;
    const askedRoles = understood.roles ? roleBits(understood.roles) : 0;
    const hasRole = (ordinal: number) => askedRoles !== 0 && (unitRoles(ordinal) & askedRoles) !== 0;
    const namedSpeaker = new Map<string, boolean>();
    const isNamedSpeaker = (speaker: string) => {
      let named = namedSpeaker.get(speaker);
      if (named === undefined) namedSpeaker.set(speaker, (named = understood.speakers?.some((s) => speakerMatches(speaker, s)) ?? false));
      return named;
    };
    // These take an ordinal and read the chunk only when the question names what they look for:
    // most name no person, firm or calls to prefer, and ranking then reads no chunk at all.
    // A unit grouping several turns is about a named person when any of them speaks in it.
    const isNamed = (ordinal: number) => understood.speakers !== undefined && index.chunks[ordinal].speakers.some(isNamedSpeaker);
    // An analyst's firm in the query: that analyst's questions and the answers to them.
    const firmAsked = (ordinal: number) =>
      understood.firms !== undefined &&
      unitTurns(index.chunks[ordinal]).some((t) => understood.firms!.includes((t.firm ?? (t.answersTurnId && firmOfTurn.get(t.answersTurnId))) || ''));
    // Hundreds of calls when a year is named alone: a set, not a scan per ranked chunk.
    const preferredCalls = !understood.scoped && understood.callIds ? new Set(understood.callIds) : undefined;
    const inPreferredCall = (ordinal: number) => preferredCalls !== undefined && preferredCalls.has(index.chunks[ordinal].callId);
    const boost = (ordinal: number) => {
      const role = hasRole(ordinal);
      return (
        // A role the question asks for ("what did the CFO say") lifts the role's own prior to 1.
        (role ? lengthPrior(ordinal) : priorOf(ordinal)) +
        // A person and an analyst's firm both named ("what did Tim tell the Piper Sandler analyst"): where both hold counts twice.
        tuning.speakerBoost * (Number(isNamed(ordinal)) + Number(firmAsked(ordinal))) +
        (role ? tuning.roleBoost : 0) +
        (inPreferredCall(ordinal) ? tuning.callBoost : 0)
      );
    };

    // The best passages among the chunks `filters` allow.
    const search = async (filters: SearchFilters | undefined, want: number): Promise<RetrievedChunk[]> => {
      const filter = compileFilter(filters);
      const scope = scopeOf(filters?.callIds, tuning.scopedLexicalChunks);
      // Inside a conversation, every unit of the scope is scored so that neighbours can count.
      const conversation = scope !== undefined && tuning.conversationNeighbours > 0 && isConversation(scope);
      const lexical = !scope
        ? index.lexical(searchTerms, depth, filter)
        : conversation
          ? smoothByNeighbours(scopedLexical(searchTerms, scope, scope.length, filter), sameCall, tuning.conversationNeighbours).slice(0, depth)
          : scopedLexical(searchTerms, scope, depth, filter);
      const denseWeight = scope ? tuning.scopedDenseWeight : tuning.denseWeight;
      // The local embedder's list would only reorder lexical hits (see denseOnlyWithoutLexical).
      const reordersOnly = tuning.denseOnlyWithoutLexical && lexical.length > 0 && !index.denseScansWhole;
      const dense =
        denseWeight > 0 && !reordersOnly
          ? index.dense((queryVector ??= await embedder.embedQuery(understood.searchText)), depth, filter, tuning.denseOnlyWithoutLexical)
          : [];
      // RRF measured better than a convex combination of min-max normalised scores on the dev set.
      const fused = fuseRankings([
        { hits: lexical, weight: tuning.lexicalWeight },
        { hits: dense, weight: denseWeight },
      ]);
      // Read for the few results kept, from lists of a few dozen hits (each ordinal once): a scan, no maps.
      const maxLexical = (lo: number, hi: number) => {
        let m = 0;
        for (const h of lexical) if (h.ordinal >= lo && h.ordinal <= hi) m = Math.max(m, h.score);
        return m;
      };
      const denseScore = (ordinal: number) => dense.find((h) => h.ordinal === ordinal)?.score ?? 0;
      const ranked: Scored[] = [];
      fused.forEach((score, ordinal) => ranked.push({ ordinal, score: score * boost(ordinal) }));
      ranked.sort(byScore);
      // Inside a call, fewer passages than asked for hold the question's words ("What was Kim's
      // presentation mainly about?"): the rest of the call fills the list, the named speaker's and
      // the longest units first, below every match. Real meetings recall@5 0.911 → 0.920.
      if (scope && ranked.length < depth) {
        const have = new Set(ranked.map((r) => r.ordinal));
        const rest: Scored[] = [];
        for (const o of scope) if (!have.has(o) && (!filter || filter(o))) rest.push({ ordinal: o, score: FILL_SCALE * boost(o) * wordsOf(o) });
        ranked.push(...rest.sort(byScore).slice(0, depth - ranked.length));
      }

      // Passages: a turn's best chunk widened to its close neighbours; a far part of a long turn may
      // rank on its own. Consecutive units of a conversation (not an earnings call: see groupsTurns)
      // that rank close to each other then join into one result.
      // Only a conversation's units join, so a list without any needs no more passages than it returns
      // (an earnings library never joins: building a passage for each of its ranked chunks, to keep
      // eight, and comparing each with the others was ~3% of an answer).
      const joinable = groupedCalls.size > 0 && ranked.some((r) => groupedCalls.has(index.chunks[r.ordinal].callId));
      const passages = turnPassages(ranked, turnNumberOf, tuning.turnSpan, tuning.turnRepeat, joinable ? ranked.length : want);
      const canJoin = (a: number, b: number) => {
        const call = index.chunks[a].callId;
        return groupedCalls.has(call) && index.chunks[b].callId === call;
      };
      return (joinable ? joinAdjacent(passages, canJoin, tuning.unitSpan) : passages)
        .slice(0, want)
        .map(({ best, lo, hi }) => ({
          chunk: spanChunk(lo, hi),
          ordinal: best.ordinal,
          callTitle: callTitles.get(index.chunks[best.ordinal].callId) ?? index.chunks[best.ordinal].callId,
          // A passage matches the words as well as its best-matching chunk (not only the chunk it ranks by).
          scores: { dense: denseScore(best.ordinal), lexical: maxLexical(lo, hi), fused: best.score },
        }));
    };

    const want = Math.max(k, reranker?.depth ?? 0);
    // A company (and period) resolved with confidence: only its calls are searched, inside the
    // request's own call filter when it has one (an empty overlap leaves the request's filter).
    const within = (callIds: readonly string[]): SearchFilters | undefined => {
      const asked = opts.filters?.callIds;
      const ids = asked?.length ? callIds.filter((id) => asked.includes(id)) : [...callIds];
      return ids.length ? { ...opts.filters, callIds: ids } : opts.filters;
    };
    let results: RetrievedChunk[];
    if (understood.scoped && understood.periods) {
      // Two periods compared: each one's best passages, taken in turn, so both reach the top.
      const lists = await Promise.all(understood.periods.map((p) => search(within(p.callIds), want)));
      results = interleave(lists, want);
    } else if (understood.scoped && understood.callIds) {
      results = await search(within(understood.callIds), want);
    } else {
      results = await search(opts.filters, want);
    }
    if (reranker) results.splice(0, results.length, ...(await reranker.rerank(understood.searchText, results)));
    results.length = Math.min(results.length, k);

    // Whether a short stretch of one top passage states what the question asks (answer-support.ts).
    // Words that only named the call (already used to scope or rank) say nothing about that.
    const content = terms.filter((t) => !FRAMING.has(t) && !(understood.callIds && PERIOD_TERM.test(t)));
    const confidence = answerSupport(
      content.length ? content : terms,
      results.slice(0, tuning.confidenceDepth).map((r) => r.chunk),
      (t) => index.idf(t),
      answerNeeds(query),
      tuning.support,
      namesIn(understood.searchText).map((name) => ({ terms: analyze(name), initials: initialsOf(name) })),
    );
    return { results, understood, confidence, covered: confidence >= tuning.notCoveredBelow };
  };
}

/** Best first, then in ordinal (transcript) order. */
const byScore = (a: Scored, b: Scored) => b.score - a.score || a.ordinal - b.ordinal;

/** Round-robin over ranked lists, skipping a passage another list already gave (same best chunk), until `n`. */
function interleave(lists: RetrievedChunk[][], n: number): RetrievedChunk[] {
  const out: RetrievedChunk[] = [];
  const seen = new Set<number>();
  for (let i = 0; out.length < n && lists.some((l) => i < l.length); i++) {
    for (const list of lists) {
      const r = list[i];
      if (r && !seen.has(r.ordinal) && out.length < n) {
        seen.add(r.ordinal);
        out.push(r);
      }
    }
  }
  return out;
}
