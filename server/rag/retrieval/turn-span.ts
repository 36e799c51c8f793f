import { chunkMeta } from '../../../ingest/chunk-fields.ts';
import type { Chunk } from '../../../ingest/types.ts';
import { unitTurns } from '../../../ingest/unit-turns.ts';

/**
 * One result per speaker turn, but a long turn (a CFO's prepared remarks) is split into several
 * chunks and a question can need two of them ("full-year revenue and its growth"). Chunks of the
 * turn that rank close to its best are merged with it into one contiguous span.
 */
export interface TurnSpanPolicy {
  /** A chunk joins its turn's best when its score is at least this share of the best's (0 = never). */
  ratio: number;
  /** At most this many consecutive chunks in one span. */
  maxParts: number;
}

/** The ordinal range [lo, hi] to show for a turn whose best chunk is `best`, given its other ranked chunks. */
export function turnSpan(best: { ordinal: number; score: number }, others: readonly { ordinal: number; score: number }[], policy: TurnSpanPolicy): [number, number] {
  let lo = best.ordinal;
  let hi = best.ordinal;
  if (policy.ratio <= 0) return [lo, hi];
  for (const o of others) {
    if (o.score < policy.ratio * best.score) continue;
    const nlo = Math.min(lo, o.ordinal);
    const nhi = Math.max(hi, o.ordinal);
    if (nhi - nlo + 1 > policy.maxParts) continue;
    lo = nlo;
    hi = nhi;
  }
  return [lo, hi];
}

export interface Span {
  best: { ordinal: number; score: number };
  lo: number;
  hi: number;
}

/**
 * Spans in rank order → spans where one that directly precedes or follows a better-ranked span
 * joins it, when `canJoin` allows and it scores at least `ratio` of that span's best, up to
 * `maxParts` chunks in all: a discussion often runs over consecutive grouped units, and one
 * result for it leaves room in the top k for another.
 */
export function joinAdjacent(spans: readonly Span[], canJoin: (a: number, b: number) => boolean, policy: TurnSpanPolicy): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const host =
      policy.ratio > 0
        ? out.find(
            (a) =>
              (a.hi + 1 === s.lo ? canJoin(a.hi, s.lo) : s.hi + 1 === a.lo && canJoin(s.hi, a.lo)) &&
              s.best.score >= policy.ratio * a.best.score &&
              Math.max(a.hi, s.hi) - Math.min(a.lo, s.lo) + 1 <= policy.maxParts,
          )
        : undefined;
    if (host) [host.lo, host.hi] = [Math.min(host.lo, s.lo), Math.max(host.hi, s.hi)];
    else out.push({ ...s });
  }
  return out;
}

/** Consecutive chunks as a single chunk: exact lines, texts joined as paragraphs, every turn kept. */
export function mergeChunks(parts: readonly Chunk[]): Chunk {
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (parts.length === 1) return first;
  let from = 0;
  const turns = parts.flatMap((p) => {
    const shifted = unitTurns(p).map((t) => ({ ...t, from: t.from + from }));
    from += p.lines.length;
    return shifted;
  });
  // Parts of one long turn stay a one-turn unit.
  const distinct = turns.filter((t, i) => i === 0 || t.turnId !== turns[i - 1].turnId);
  return {
    ...chunkMeta(first),
    id: `${first.callId}#${first.startLine}-${last.endLine}`,
    endLine: last.endLine,
    lines: parts.flatMap((p) => p.lines),
    speakers: [...new Set(parts.flatMap((p) => p.speakers))],
    ...(distinct.length > 1 && { turns: distinct }),
    text: parts.map((p) => p.text).join('\n\n'),
    embedText: parts.map((p) => p.embedText).join('\n\n'),
    ...(last.endTime !== undefined && { endTime: last.endTime }),
    ...(parts.some((p) => p.times) && { times: parts.flatMap((p) => p.times ?? p.lines.map(() => null)) }),
  };
}
