import { describe, it, expect } from 'vitest';
import { analyze } from '../../../ingest/text/analyze.ts';
import { analyzeChunk } from '../../../ingest/text/chunk-terms.ts';
import { formatContextHeader, splitContextHeader } from '../../../ingest/text/context-header.ts';

// analyzeChunk must give exactly what analysing the text twice gives: the lexical index and the
// embedder's vectors may not depend on which path an ingest took.
function expectSameAsTwoPasses(text: string): void {
  const { context, content } = splitContextHeader(text);
  expect(analyzeChunk(text)).toEqual({ terms: analyze(text), context, content: analyze(content) });
}

const call = ['Call', 'Northwind Q3 2024'] as const;
const speaker = ['Speaker', 'Ann Lee, Chief Financial Officer (management)'] as const;

describe('analyzeChunk', () => {
  it('analyses text without a header as all content', () => {
    for (const text of ['Revenue grew 12% to $1.5 billion.', 'First paragraph.\n\nSecond one, in the first quarter.', '']) expectSameAsTwoPasses(text);
  });

  it('matches two passes with context only, one question, or several', () => {
    const body = 'Free cash flow was $523.5 million, up 22.3% year over year in fiscal 2024.\n\nWe expect more in Q4.';
    expectSameAsTwoPasses(`${formatContextHeader([call, speaker])}\n\n${body}`);
    expectSameAsTwoPasses(`${formatContextHeader([call, speaker, ['Question from Jo Park', 'What drove research and']])}\n\n${body}`);
    expectSameAsTwoPasses(`${formatContextHeader([call, ['Question from Jo', 'How was the first'], speaker, ['Question from Al', 'And 2024']])}\n\n${body}`);
  });

  it('matches two passes when a period or phrase is read across the header and the body', () => {
    // "first" + "quarter" and "fiscal" + "2024" span the line break; "research and development" too.
    expectSameAsTwoPasses(`${formatContextHeader([call, ['Speaker', 'Jo, head of the first']])}\n\nquarter was strong.`);
    expectSameAsTwoPasses(`${formatContextHeader([call, ['Question from Jo', 'Tell us about fiscal']])}\n\n2024 guidance please.`);
    expectSameAsTwoPasses(`${formatContextHeader([call, ['Speaker', 'Bo, VP Research']])}\n\nand development spend rose.`);
  });

  it('matches two passes when a percent sign opens the body or a question', () => {
    expectSameAsTwoPasses(`${formatContextHeader([call, ['Question from Jo', 'Margin was 40']])}\n\n% or so, right?`);
    expectSameAsTwoPasses(`${formatContextHeader([call, ['Question from Jo', 'Up 5'], ['Question from Al', '% again?']])}\n\nYes.`);
  });
});
