import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../../ingest/types.ts';
import { toCitation } from '../../../../server/rag/llm-answers/citations.ts';
import type { RetrievedChunk } from '../../../../server/rag/retrieval/retrieve.ts';

// Regression: a citation of the second cue of a caption chunk showed the first cue's start time.
const chunk: Chunk = {
  id: 'sync#15-19', callId: 'sync', file: 'sync.vtt', turnId: 'sync:t0', turnIndex: 0, part: 0,
  startLine: 15, endLine: 19, lines: [15, 19], speaker: 'Priya Raman', speakers: ['Priya Raman'], role: 'other', section: 'prepared',
  text: 'First item is the billing migration.\n\nWe moved 80% of accounts last week.',
  embedText: 'First item is the billing migration.\n\nWe moved 80% of accounts last week.',
  startTime: 4.8, endTime: 15,
  times: [{ startTime: 4.8, endTime: 9.35 }, { startTime: 9.9, endTime: 15 }],
};
const hit: RetrievedChunk = { chunk, ordinal: 0, callTitle: 'Weekly sync', scores: { dense: 0, lexical: 0, fused: 0 } };

describe('citation times', () => {
  it('carries the cited paragraph’s own cue times', () => {
    const c = toCitation(1, hit, { quote: 'We moved 80% of accounts last week.', startLine: 19, endLine: 19 });
    expect([c.startTime, c.endTime]).toEqual([9.9, 15]);
  });
  it('spans the cues of a multi-paragraph quote', () => {
    const c = toCitation(1, hit, { quote: 'First item', startLine: 15, endLine: 19 });
    expect([c.startTime, c.endTime]).toEqual([4.8, 15]);
  });
  it('falls back to the chunk’s times when paragraphs have none recorded', () => {
    const { times: _, ...plain } = chunk;
    const c = toCitation(1, { ...hit, chunk: plain }, { quote: 'x', startLine: 19, endLine: 19 });
    expect([c.startTime, c.endTime]).toEqual([4.8, 15]);
  });
});
