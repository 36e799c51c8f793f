import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../../ingest/types.ts';
import { analysedSentences, chunkSentences } from '../../../../server/rag/answers/chunk-sentences.ts';
import { sentenceTurn, sentenceTurns } from '../../../../server/rag/answers/sentence-turn.ts';

// A unit grouping an analyst's question and the answer to it (made-up call).
const unit: Chunk = {
  id: 'c#10-12',
  callId: 'c',
  file: 'c.txt',
  turnId: 'c:t1',
  turnIndex: 1,
  part: 0,
  startLine: 10,
  endLine: 12,
  lines: [10, 12],
  speaker: 'Ann Analyst',
  speakers: ['Ann Analyst', 'Bob Finance'],
  role: 'analyst',
  section: 'qa',
  turns: [
    { turnId: 'c:t1', from: 0, speaker: 'Ann Analyst', role: 'analyst', firm: 'Acme Securities' },
    { turnId: 'c:t2', from: 1, speaker: 'Bob Finance', title: 'CFO', role: 'management', answersTurnId: 'c:t1' },
  ],
  text: 'How did widget orders do? Any color on pricing?\n\nOrders grew 12%. Pricing held.',
  embedText: 'How did widget orders do? Any color on pricing?\n\nOrders grew 12%. Pricing held.',
};

describe('sentenceTurn', () => {
  it('gives the turn speaking each sentence of a unit of several turns', () => {
    const speakers = chunkSentences(unit).map((s) => sentenceTurn(unit, s).speaker);
    expect(speakers).toEqual(['Ann Analyst', 'Ann Analyst', 'Bob Finance', 'Bob Finance']);
  });

  it('returns the same turn object for a sentence asked again (kept per sentence)', () => {
    const [first] = chunkSentences(unit);
    expect(sentenceTurn(unit, first)).toBe(sentenceTurn(unit, first));
  });

  it("lists a chunk's sentence turns at once, the same as one by one, once per analysed chunk", () => {
    const analysed = analysedSentences(unit);
    const turns = sentenceTurns(unit, analysed);
    expect(turns).toEqual(analysed.map((s) => sentenceTurn(unit, s.sentence)));
    expect(turns.map((t) => t.role)).toEqual(['analyst', 'analyst', 'management', 'management']);
    expect(sentenceTurns(unit, analysed)).toBe(turns);
  });
});
