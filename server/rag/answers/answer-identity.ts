// "Who is the CFO of Acme?": the holder of the title, named as the transcript's speaker header
// names them and cited where they speak, on the latest call in scope. Nothing they said is
// asked, so the sentences matching the question's words found nothing, and the answer abstained.
import type { Answer, Citation } from './answer-types.ts';
import type { Retrieval, RetrievedChunk } from '../retrieval/retrieve.ts';
import { callLabel, type CallInfo } from './answer-labels.ts';
import { bestChunkSentence, sentenceQuote, wholeChunkQuote } from './quote.ts';
import { sentenceTurn } from './sentence-turn.ts';
import { toCitation } from '../llm-answers/citations.ts';
import { notCoveredText } from './not-covered.ts';

/**
 * Undefined unless the question asks who holds a title. Too many holders in scope (no company or
 * call named in a library of many), or none: it says so rather than quoting one of them.
 */
export function answerIdentity(retrieval: Retrieval, calls?: ReadonlyMap<string, CallInfo>): Omit<Answer, 'seeAlso'> | undefined {
  const asked = retrieval.understood.identity;
  if (!asked) return undefined;
  if (asked.speakers.length === 0) {
    const answer =
      asked.holders > 0
        ? `${asked.holders} people hold the title ${asked.title} in the calls searched: name the company or the call to ask about.`
        : `${notCoveredText(retrieval.understood, false)} No speaker there holds the title ${asked.title}.`;
    return { answer, answered: false, mode: 'extractive', citations: [] };
  }
  const citations: Citation[] = [];
  const holders: string[] = [];
  for (const name of asked.speakers) {
    const theirs = retrieval.results.filter((r) => r.chunk.speaker === name);
    if (theirs.length === 0) continue;
    const hit = latest(theirs, calls);
    // Their first sentence there: where the header that gives their title stands.
    const first = bestChunkSentence(hit.chunk, new Set());
    const n = citations.length + 1;
    citations.push(first ? toCitation(n, hit, sentenceQuote(first), sentenceTurn(hit.chunk, first)) : toCitation(n, hit, wholeChunkQuote(hit.chunk)));
    const title = citations[n - 1].title ?? asked.title;
    holders.push(`${name} (${title}, ${callLabel(hit.chunk.callId, hit.callTitle, calls)}) [${n}]`);
  }
  if (holders.length === 0) return undefined;
  return { answer: `${asked.title}: ${holders.join('; ')}.`, answered: true, mode: 'extractive', citations };
}

/** The passage of the latest call by its period (the first such in rank order). */
function latest(hits: readonly RetrievedChunk[], calls: ReadonlyMap<string, CallInfo> | undefined): RetrievedChunk {
  const when = (h: RetrievedChunk) => {
    const meta = calls?.get(h.chunk.callId);
    return (meta?.fiscalYear ?? 0) * 4 + (meta?.fiscalQuarter ?? 0);
  };
  return hits.reduce((a, b) => (when(b) > when(a) ? b : a));
}
