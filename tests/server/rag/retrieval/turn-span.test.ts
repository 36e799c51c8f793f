import { describe, expect, it } from 'vitest';
import { chunkTranscript } from '../../../../ingest/chunk.ts';
import type { Transcript } from '../../../../ingest/types.ts';
import { turnAtLine } from '../../../../ingest/unit-turns.ts';
import { joinAdjacent, mergeChunks, type Span } from '../../../../server/rag/retrieval/turn-span.ts';

const span = (ordinal: number, score: number, lo = ordinal, hi = ordinal): Span => ({ best: { ordinal, score }, lo, hi });
const policy = { ratio: 0.8, maxParts: 3 };
const always = () => true;

describe('joinAdjacent', () => {
  it('joins a unit next to a better-ranked one when it scores close to it', () => {
    const out = joinAdjacent([span(5, 1), span(6, 0.9), span(4, 0.85), span(9, 0.8)], always, policy);
    expect(out.map((s) => [s.best.ordinal, s.lo, s.hi])).toEqual([[5, 4, 6], [9, 9, 9]]);
  });

  it('keeps apart what scores too low, is not adjacent, would exceed maxParts or may not join', () => {
    expect(joinAdjacent([span(5, 1), span(6, 0.5)], always, policy)).toHaveLength(2);
    expect(joinAdjacent([span(5, 1), span(7, 0.95)], always, policy)).toHaveLength(2);
    expect(joinAdjacent([span(5, 1, 4, 6), span(7, 0.95)], always, policy)).toHaveLength(2);
    expect(joinAdjacent([span(5, 1), span(6, 0.95)], () => false, policy)).toHaveLength(2);
    expect(joinAdjacent([span(5, 1), span(6, 0.95)], always, { ratio: 0, maxParts: 3 })).toHaveLength(2);
  });
});

describe('mergeChunks of grouped units', () => {
  const t: Transcript = {
    call: { id: 'm', file: 'm.txt', sha256: 'x', format: 'speaker-colon', title: 'Sync' },
    turns: ['Ana', 'Ben', 'Ana', 'Cleo'].map((speaker, i) => ({
      id: `m:t${i}`, index: i, speaker, role: 'other', section: 'prepared',
      paragraphs: [{ line: i + 2, text: `${speaker} says something ${'useful '.repeat(20)}` }], startLine: i + 2, endLine: i + 2,
    })),
  };

  it('keeps exact lines and who says each of them', () => {
    const units = chunkTranscript(t, { maxTokens: 60 });
    expect(units.map((u) => u.lines)).toEqual([[2, 3], [4, 5]]);
    const merged = mergeChunks(units);
    expect(merged).toMatchObject({ id: 'm#2-5', startLine: 2, endLine: 5, lines: [2, 3, 4, 5], speakers: ['Ana', 'Ben', 'Cleo'] });
    expect([2, 3, 4, 5].map((line) => turnAtLine(merged, line).speaker)).toEqual(['Ana', 'Ben', 'Ana', 'Cleo']);
  });
});
