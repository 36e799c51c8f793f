import { describe, expect, it } from 'vitest';
import type { AnalysedSentence } from '../../../../server/rag/answers/chunk-sentences.ts';
import { bigramPostings, termPostings } from '../../../../server/rag/answers/term-postings.ts';
import { overlapOf, termWeights } from '../../../../server/rag/answers/sentence-score.ts';

// Made-up analysed sentences: only their terms matter here.
const analysed = (terms: string[], index: number): AnalysedSentence => ({
  sentence: { text: terms.join(' '), start: 0, end: 0, startLine: 1, endLine: 1, index },
  terms: new Set(terms),
  bigrams: new Set(terms.slice(1).map((t, k) => `${terms[k]} ${t}`)),
});

describe('termPostings', () => {
  const sentences = [analysed(['widget', 'order'], 0), analysed(['price'], 1), analysed(['widget', 'price'], 2)];

  it('lists, for each term, the sentences holding it in order', () => {
    const postings = termPostings(sentences);
    expect(postings.get('widget')).toEqual([0, 2]);
    expect(postings.get('price')).toEqual([1, 2]);
    expect(postings.get('order')).toEqual([0]);
    expect(postings.get('gizmo')).toBeUndefined();
  });

  it('is worked out once per analysed chunk', () => {
    expect(termPostings(sentences)).toBe(termPostings(sentences));
    expect(bigramPostings(sentences)).toBe(bigramPostings(sentences));
  });

  it('lists the sentences holding each bigram, apart from the terms', () => {
    const postings = bigramPostings(sentences);
    expect(postings.get('widget order')).toEqual([0]);
    expect(postings.get('widget price')).toEqual([2]);
    expect(postings.get('widget')).toBeUndefined();
  });
});

describe('overlapOf', () => {
  it('is the weighted share of the question terms a sentence holds', () => {
    const weights = termWeights(new Map([['widget', 3], ['price', 1]]));
    expect(weights.total).toBe(4);
    expect(overlapOf(new Set(['widget', 'order']), weights)).toBe(0.75);
    expect(overlapOf(new Set(['order']), weights)).toBe(0);
    expect(overlapOf(new Set(['order']), termWeights(new Map()))).toBe(0);
  });
});
