/** What one document-at-a-time step (a galloping search in a list) costs against one posting a walk visits. */
export const SEEK_COST = 4;

/**
 * The first position in [from, to) of an ascending list of documents whose document is ≥ `doc`:
 * galloping from `from`, then a binary search. A cursor that moves forward through a list by
 * small steps pays little, one that jumps far pays a logarithm.
 */
export function seekPosting(docs: Uint32Array, from: number, to: number, doc: number): number {
  if (from >= to || docs[from] >= doc) return from;
  let lo = from;
  let step = 1;
  let hi = from + 1;
  while (hi < to && docs[hi] < doc) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > to) hi = to;
  // docs[lo] < doc; the answer lies in (lo, hi].
  lo++;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid] < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
