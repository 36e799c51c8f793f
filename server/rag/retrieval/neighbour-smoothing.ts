import type { LexicalHit } from '../../../ingest/index-store/types.ts';

/**
 * In a conversation a subject is talked over for several turns in a row: a unit whose neighbours
 * also match the question sits inside that discussion, one whose neighbours do not is a passing
 * mention. Each unit's score gains `weight` times the scores of the units on either side of it in
 * the same call (scored over the whole scope, so a neighbour below the cut still counts).
 *
 * Measured on real meetings (1,332 queries, units of grouped short turns): MRR@10 0.725 → 0.754,
 * recall@5 0.905 → 0.911 at 0.5; flat from 0.5 to 1. Inside earnings calls, whose turns are long
 * and self-contained, it lowers in-call bullets' MRR@10 (0.918 → 0.904), so it is not used there.
 */
export function smoothByNeighbours(hits: readonly LexicalHit[], sameCall: (a: number, b: number) => boolean, weight: number): LexicalHit[] {
  const score = new Map(hits.map((h) => [h.ordinal, h.score]));
  const near = (o: number, n: number) => (sameCall(o, n) ? (score.get(n) ?? 0) : 0);
  return hits
    .map((h) => ({ ...h, score: h.score + weight * (near(h.ordinal, h.ordinal - 1) + near(h.ordinal, h.ordinal + 1)) }))
    .sort((a, b) => b.score - a.score || a.ordinal - b.ordinal);
}
