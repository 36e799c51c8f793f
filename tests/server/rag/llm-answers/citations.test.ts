import { describe, expect, it } from 'vitest';
import type { Chunk, Role } from '../../../../ingest/types.ts';
import { numberSources, verifyCitations } from '../../../../server/rag/llm-answers/citations.ts';
import type { RetrievedChunk } from '../../../../server/rag/retrieval/retrieve.ts';

function hit(file: string, speaker: string, role: Role, paragraphs: string[], lines: number[]): RetrievedChunk {
  const chunk: Chunk = {
    id: `${file}#${lines[0]}`,
    callId: file.replace('.txt', ''),
    file,
    turnId: `${file}:t${lines[0]}`,
    turnIndex: lines[0],
    part: 0,
    startLine: lines[0],
    endLine: lines[lines.length - 1],
    lines,
    speaker,
    speakers: [speaker],
    role,
    section: 'prepared',
    text: paragraphs.join('\n\n'),
    embedText: paragraphs.join('\n\n'),
  };
  return { chunk, ordinal: lines[0], callTitle: 'Acme Q1 FY2024 Earnings Call', scores: { dense: 0.5, lexical: 1, fused: 0.03 } };
}

const sources = numberSources([
  hit('q1.txt', 'Tim M. Wan', 'management', ['Revenue grew 26% year-over-year.', 'Operating loss was $22.3 million. Net loss was $18.5 million.'], [100, 102]),
  hit('q1.txt', 'Anne Raimondi', 'management', ['We added 4,000 customers. Churn was stable.'], [80]),
  hit('q4.txt', 'Dustin Moskovitz', 'management', ['Our Investor Day is on October 3 in New York City.'], [54]),
]);

describe('numberSources', () => {
  it('numbers results from 1 in retrieval order', () => {
    expect(sources.map((s) => [s.n, s.hit.chunk.speaker])).toEqual([
      [1, 'Tim M. Wan'],
      [2, 'Anne Raimondi'],
      [3, 'Dustin Moskovitz'],
    ]);
  });
});

describe('verifyCitations', () => {
  it('renumbers densely in order of first use and rewrites the markers', () => {
    const out = verifyCitations('The Investor Day is October 3 [3]. Operating loss was $22.3 million [1]. Again [3].', sources);
    expect(out.text).toBe('The Investor Day is October 3 [1]. Operating loss was $22.3 million [2]. Again [1].');
    expect(out.citations.map((c) => [c.n, c.speaker])).toEqual([
      [1, 'Dustin Moskovitz'],
      [2, 'Tim M. Wan'],
    ]);
    expect(out.removed).toEqual([]);
  });

  it('quotes the sentence matching the claim and narrows lines to its paragraph', () => {
    const out = verifyCitations('Operating loss was $22.3 million [1].', sources);
    expect(out.citations[0]).toMatchObject({ quote: 'Operating loss was $22.3 million.', startLine: 102, endLine: 102, file: 'q1.txt', callTitle: 'Acme Q1 FY2024 Earnings Call' });
    const other = verifyCitations('Revenue grew 26% [1].', sources);
    expect(other.citations[0]).toMatchObject({ quote: 'Revenue grew 26% year-over-year.', startLine: 100, endLine: 100 });
  });

  it('uses a quotation the claim makes when the source really says it', () => {
    const out = verifyCitations('Tim said "Net loss was $18.5 million" [1].', sources);
    expect(out.citations[0]).toMatchObject({ quote: 'Net loss was $18.5 million', startLine: 102 });
  });

  it('removes markers pointing at no source and malformed ones', () => {
    const out = verifyCitations('Revenue grew [0] 26% [7]. Customers [a] grew [^1] 【2】 fast [2].', sources);
    expect(out.text).toBe('Revenue grew 26%. Customers grew fast [1].');
    expect(out.removed).toEqual(expect.arrayContaining(['[0]', '[7]', '[a]', '[^1]', '【2】']));
    expect(out.citations.map((c) => c.speaker)).toEqual(['Anne Raimondi']);
  });

  it('reads grouped, adjacent and nested markers', () => {
    const out = verifyCitations('Both said so [3, 1]. Also [2][3]. Nested [[2]]. Mixed [1, 9].', sources);
    expect(out.text).toBe('Both said so [1, 2]. Also [3][1]. Nested [3]. Mixed [2].');
    expect(out.citations.map((c) => c.n)).toEqual([1, 2, 3]);
    expect(out.removed).toEqual(['[9]']);
  });

  it('keeps ordinary bracketed prose', () => {
    const out = verifyCitations('He said [the company] grew [1].', sources);
    expect(out.text).toBe('He said [the company] grew [1].');
  });

  it('returns no citations for a text without markers', () => {
    expect(verifyCitations('No markers here.', sources)).toEqual({ text: 'No markers here.', citations: [], removed: [] });
  });
});
