import { turnAtLine } from '../../../ingest/unit-turns.ts';
import type { UnitTurn } from '../../../ingest/types.ts';
import type { Citation, Source } from '../answers/answer-types.ts';
import { acceptedMarkers, parseMarkers, stripPlaceholders } from './citation-markers.ts';
import { bestSentence, locateQuote, type LocatedQuote } from '../answers/quote.ts';
import type { RetrievedChunk } from '../retrieval/retrieve.ts';

/** Numbers retrieved chunks 1..n, the way they are shown to an LLM. */
export function numberSources(results: readonly RetrievedChunk[]): Source[] {
  return results.map((hit, i) => ({ n: i + 1, hit }));
}

/** Cue times of the cited lines: the quoted paragraphs' own when the chunk has them, else the chunk's. */
function citedTimes(c: RetrievedChunk['chunk'], startLine: number, endLine: number): { startTime?: number; endTime?: number } {
  if (!c.times) return { startTime: c.startTime, endTime: c.endTime };
  const first = c.times[c.lines.indexOf(startLine)];
  const last = c.times[c.lines.indexOf(endLine)];
  return { startTime: first?.startTime, endTime: last?.endTime };
}

/**
 * A citation of a retrieved chunk, narrowed to the quote's paragraph lines. A unit can group
 * several speakers: the quote is theirs who said its first line (`who`, when the caller already
 * knows that turn, as sentenceTurn keeps it for a chunk sentence).
 */
export function toCitation(n: number, hit: RetrievedChunk, located: LocatedQuote, who: UnitTurn = turnAtLine(hit.chunk, located.startLine)): Citation {
  const c = hit.chunk;
  const { startTime, endTime } = citedTimes(c, located.startLine, located.endLine);
  return {
    n,
    file: c.file,
    startLine: located.startLine,
    endLine: located.endLine,
    speaker: who.speaker,
    ...(who.title !== undefined && { title: who.title }),
    role: who.role,
    callId: c.callId,
    callTitle: hit.callTitle,
    quote: located.quote,
    ...(startTime !== undefined && { startTime }),
    ...(endTime !== undefined && { endTime }),
  };
}

const QUOTED = /"([^"\n]{4,})"|“([^”\n]{4,})”/g;

// The claim a marker supports: the sentence it closes ("… grew 26%. [1]" or "… grew 26% [1].").
// A marker that opens a line ("[1] Revenue grew …") supports what follows it.
function claimAt(plain: string, at: number): string {
  const before = plain.slice(0, at).replace(/[\s.!?;:,]+$/, '');
  const from = Math.max(before.search(/[^\n]*$/), lastSentenceEnd(before));
  const claim = before.slice(from).trim();
  if (claim) return claim;
  const after = plain.slice(at);
  return after.slice(0, after.search(/[.!?](?:\s|$)|\n|$/) + 1).trim();
}

function lastSentenceEnd(text: string): number {
  let end = 0;
  for (const m of text.matchAll(/[.!?]["'”’)]*\s+/g)) end = m.index + m[0].length;
  return end;
}

/** A quote for a claim: a quotation the claim makes, if the chunk really says it; else the best sentence. */
function quoteFor(hit: RetrievedChunk, claim: string): LocatedQuote {
  for (const m of claim.matchAll(QUOTED)) {
    const found = locateQuote(hit.chunk, m[1] ?? m[2]);
    if (found) return found;
  }
  return bestSentence(hit.chunk, claim);
}

/**
 * Checks an answer's [n] markers against the sources it was given: markers that point nowhere
 * or are malformed are removed; the rest are renumbered densely in order of first use, and each
 * cited source gets a verbatim quote (the sentence best matching the claim that cites it) with
 * the exact lines of the paragraph holding it.
 */
export function verifyCitations(text: string, sources: readonly Source[]): { text: string; citations: Citation[]; removed: string[] } {
  const byN = new Map(sources.map((s) => [s.n, s]));
  const maxN = Math.max(0, ...sources.map((s) => s.n));
  const parsed = parseMarkers(text, maxN);
  const removed = [...parsed.removed];
  const plain = stripPlaceholders(parsed.text);

  const renumber = new Map<number, number>();
  const citations: Citation[] = [];
  let out = '';
  let last = 0;
  let plainOffset = 0;
  for (const marker of acceptedMarkers(parsed.text)) {
    out += parsed.text.slice(last, marker.start);
    plainOffset += marker.start - last;
    last = marker.end;
    const numbers: number[] = [];
    for (const n of marker.sources) {
      const source = byN.get(n);
      // Sources numbered with gaps: a number inside the range can still point nowhere.
      if (!source) {
        removed.push(`[${n}]`);
        continue;
      }
      let dense = renumber.get(n);
      if (dense === undefined) {
        dense = citations.length + 1;
        renumber.set(n, dense);
        citations.push(toCitation(dense, source.hit, quoteFor(source.hit, claimAt(plain, plainOffset))));
      }
      if (!numbers.includes(dense)) numbers.push(dense);
    }
    if (numbers.length) out += `[${numbers.join(', ')}]`;
  }
  out += parsed.text.slice(last);
  return { text: out, citations, removed };
}
