import { describe, expect, it } from 'vitest';
import { chunkTranscript } from '../../../../ingest/chunk.ts';
import type { Transcript } from '../../../../ingest/types.ts';
import { turnAtLine } from '../../../../ingest/unit-turns.ts';
import { answerExtractive } from '../../../../server/rag/answers/answer-extractive.ts';
import { numberSources, verifyCitations } from '../../../../server/rag/llm-answers/citations.ts';
import { createFilterCompiler } from '../../../../server/rag/retrieval/filters.ts';
import { formatSource } from '../../../../server/rag/llm-answers/format-sources.ts';
import type { Retrieval, RetrievedChunk } from '../../../../server/rag/retrieval/retrieve.ts';

// A made-up planning meeting, one turn a line: short enough that it is one grouped unit.
const LINES: Array<[string, string]> = [
  ['Priya Raman', 'Where are we with the warehouse move?'],
  ['Tom Okafor', 'Yeah.'],
  ['Tom Okafor', 'The forklifts arrive on Tuesday and the racking goes up next week.'],
  ['Priya Raman', 'OK. And the budget?'],
  ['Lin Zhao', 'We are about ten percent over budget because of the racking.'],
];
const transcript: Transcript = {
  call: { id: 'plan', file: 'plan.txt', sha256: 'x', format: 'speaker-colon', title: 'Planning' },
  turns: LINES.map(([speaker, text], i) => ({
    id: `plan:t${i}`, index: i, speaker, role: 'other', section: 'prepared',
    paragraphs: [{ line: i + 2, text }], startLine: i + 2, endLine: i + 2,
  })),
};
const [unit] = chunkTranscript(transcript);
const hit: RetrievedChunk = { chunk: unit, ordinal: 0, callTitle: 'Planning', scores: { dense: 0, lexical: 1, fused: 1 } };

describe('a unit grouping several speakers', () => {
  it('is one unit with every speaker, in order', () => {
    expect(chunkTranscript(transcript)).toHaveLength(1);
    expect(unit.speakers).toEqual(['Priya Raman', 'Tom Okafor', 'Lin Zhao']);
    expect(turnAtLine(unit, 4).speaker).toBe('Tom Okafor');
    expect(turnAtLine(unit, 6).speaker).toBe('Lin Zhao');
  });

  it('matches a speaker filter on any of its speakers', () => {
    const compile = createFilterCompiler([unit]);
    for (const name of ['Priya Raman', 'tom okafor', 'Lin Zhao']) expect(compile({ speakers: [name] })!(0)).toBe(true);
    expect(compile({ speakers: ['Nobody Else'] })!(0)).toBe(false);
  });

  it('attributes a cited quote to whoever said the quoted line', () => {
    const out = verifyCitations('They are "about ten percent over budget" [1].', numberSources([hit]));
    expect(out.citations[0]).toMatchObject({ speaker: 'Lin Zhao', startLine: 6, endLine: 6, quote: 'about ten percent over budget' });
    const forklifts = verifyCitations('The forklifts arrive on Tuesday [1].', numberSources([hit]));
    expect(forklifts.citations[0]).toMatchObject({ speaker: 'Tom Okafor', startLine: 4, endLine: 4 });
  });

  it("names each speaker before their lines for the LLM", () => {
    const text = formatSource({ n: 1, hit });
    expect(text.split('\n')[0]).toMatch(/^\[1\] Priya Raman, Tom Okafor, Lin Zhao \(other\) — Planning — plan\.txt:L2–L6$/);
    expect(text).toContain('Tom Okafor: Yeah.\n\nThe forklifts arrive on Tuesday');
    expect(text).toContain('\n\nLin Zhao: We are about ten percent over budget');
  });

  it('labels an extractive answer with the speaker of the quoted sentence', () => {
    const retrieval: Retrieval = { results: [hit], understood: { searchText: 'over budget' } as Retrieval['understood'], confidence: 1, covered: true };
    const answer = answerExtractive('How far over budget is the warehouse move?', retrieval);
    expect(answer.answer).toMatch(/^Lin Zhao \(Planning call\) said: "We are about ten percent over budget/);
    expect(answer.citations[0]).toMatchObject({ speaker: 'Lin Zhao', startLine: 6 });
  });
});
