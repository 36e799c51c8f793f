import type { Retrieval, RetrievedChunk } from './retrieval/retrieve.ts';

// The body of POST /v1/search, built where the search ran: in the request's thread or in a
// search thread (threads/), which sends it back as JSON text.

const toResult = ({ chunk: c, callTitle, scores }: RetrievedChunk) => ({
  chunkId: c.id,
  callId: c.callId,
  callTitle,
  file: c.file,
  startLine: c.startLine,
  endLine: c.endLine,
  lines: c.lines,
  speaker: c.speaker,
  speakers: c.speakers,
  title: c.title,
  role: c.role,
  section: c.section,
  firm: c.firm,
  text: c.text,
  startTime: c.startTime,
  endTime: c.endTime,
  scores,
});

export function searchReply(retrieval: Retrieval, started: number) {
  return {
    results: retrieval.results.map(toResult),
    understood: retrieval.understood,
    confidence: retrieval.confidence,
    covered: retrieval.covered,
    tookMs: Math.round(performance.now() - started),
  };
}
