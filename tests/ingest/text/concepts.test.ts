import { describe, it, expect } from 'vitest';
import { CONCEPTS } from '../../../ingest/text/concepts.ts';
import { conceptMembers, conceptsIn } from '../../../ingest/text/concept-index.ts';
import { analyze } from '../../../ingest/text/analyze.ts';

describe('concept lexicon', () => {
  it('has unique ids and a general size', () => {
    expect(new Set(CONCEPTS.map((c) => c.id)).size).toBe(CONCEPTS.length);
    expect(CONCEPTS.length).toBeGreaterThanOrEqual(60);
    expect(CONCEPTS.length).toBeLessThanOrEqual(150);
  });

  it('every member analyses to at least one term', () => {
    for (const c of CONCEPTS) expect(conceptMembers(c.id).length).toBe(new Set(c.terms.map((t) => analyze(t).join(' '))).size);
  });

  it('links different wordings of the same idea', () => {
    expect(conceptsIn(analyze('operating margin improved'))).toContain('profitability');
    expect(conceptsIn(analyze('profitability got better'))).toContain('profitability');
    expect(conceptsIn(analyze('spending on research and development'))).toContain('rnd');
    expect(conceptsIn(analyze('our R&D budget'))).toContain('rnd');
  });

  it('matches multi-word members only when the words are adjacent', () => {
    expect(conceptsIn(analyze('free cash flow'))).toContain('free-cash-flow');
    expect(conceptsIn(analyze('cash that flows freely'))).not.toContain('free-cash-flow');
  });

  it('finds nothing in unrelated text', () => {
    expect(conceptsIn(analyze('the weather was sunny'))).toEqual([]);
  });
});
