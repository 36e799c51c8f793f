import { conceptMembers, conceptsIn } from '../../ingest/text/concept-index.ts';

export interface CoverageOptions {
  /** 'best': the terms must be found together in one chunk; 'union': anywhere in the top chunks. */
  mode: 'best' | 'union';
  /** Credit for a term absent itself but present as a synonym from the concept lexicon (0 = none). */
  synonymCredit: number;
}

const synonymCache = new Map<string, string[]>();
/** Single-word synonyms of an analysed term from the concept lexicon ("profit" → "margin", …). */
export function synonymsOf(term: string): string[] {
  let found = synonymCache.get(term);
  if (!found) {
    const out = new Set<string>();
    for (const id of conceptsIn([term])) for (const m of conceptMembers(id)) if (m.length === 1 && m[0] !== term) out.add(m[0]);
    synonymCache.set(term, (found = [...out]));
  }
  return found;
}

/**
 * How well the best chunks cover what the query asks about: the idf-weighted share of the
 * query's content terms found in the top chunks. A term nobody said ("metaverse", "salary") has
 * the highest idf, so a question about it scores low even when its other words match.
 */
export function coverageConfidence(
  queryTerms: readonly string[],
  topChunkTerms: readonly ReadonlySet<string>[],
  idf: (term: string) => number,
  opts: CoverageOptions = { mode: 'best', synonymCredit: 0 },
): number {
  const terms = [...new Set(queryTerms)];
  if (terms.length === 0 || topChunkTerms.length === 0) return 0;
  const weights = terms.map(idf);
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  const credit = (t: string, has: (x: string) => boolean) =>
    has(t) ? 1 : opts.synonymCredit > 0 && synonymsOf(t).some(has) ? opts.synonymCredit : 0;
  const covered = (has: (x: string) => boolean) => terms.reduce((sum, t, i) => sum + weights[i] * credit(t, has), 0) / total;
  if (opts.mode === 'union') return covered((x) => topChunkTerms.some((set) => set.has(x)));
  return Math.max(...topChunkTerms.map((set) => covered((x) => set.has(x))));
}
