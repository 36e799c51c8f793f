import { describe, expect, it } from 'vitest';
import { analyze } from '../../../ingest/text/analyze.ts';
import { wordTerms } from '../../../ingest/text/word-terms.ts';

describe('wordTerms (one word on its own, remembered)', () => {
  it('gives the period code, pct, or the stem', () => {
    expect(wordTerms('q3', false)).toEqual(['q3']);
    expect(wordTerms('fy24', false)).toEqual(['fy2024', '2024']);
    expect(wordTerms('percent', false)).toEqual(['pct']);
    expect(wordTerms('r&d', false)).toEqual(['r&d']);
    expect(wordTerms('growing', false)).toEqual(['grow']);
    expect(wordTerms('drove', false)).toEqual(['drive']);
  });

  it('keeps a stop word only when it was written in capitals', () => {
    expect(wordTerms('us', false)).toEqual([]);
    expect(wordTerms('us', true)).toEqual(['us']);
    // Asked again (from the memo), the answer is the same for each case.
    expect(wordTerms('us', false)).toEqual([]);
    expect(wordTerms('us', true)).toEqual(['us']);
    expect(wordTerms("it's", true)).toEqual([]);
  });

  it('agrees with analyze() word for word', () => {
    const text = "The US team's growth drove IT spending 5 percent in Q3, and it's research-heavy";
    expect(analyze(text)).toEqual(analyze(text));
    expect(analyze(text)).toEqual(['us', 'team', 'growth', 'drive', 'it', 'spend', '5', 'pct', 'q3', 'researchheavi', 'research', 'heavi']);
  });
});
