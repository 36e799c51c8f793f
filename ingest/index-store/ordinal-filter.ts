/**
 * A search filter over chunk ordinals. A filter built from lists (the server's, see
 * server/rag/retrieval/filters.ts) can also say which ordinals it allows, so a search inside a few calls
 * visits those chunks instead of asking the filter about every posting or every chunk of the
 * library (a company's 900 chunks against 70,000 postings of its question's words).
 */
export interface OrdinalFilter {
  (ordinal: number): boolean;
  /** Every ordinal the filter allows, ascending. */
  allowed?: () => Int32Array;
}
