import type { Chunk } from '../../ingest/types.ts';

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
    if (nhi - nlo + 1 <= policy.maxParts) [lo, hi] = [nlo, nhi];
  }
  return [lo, hi];
}

/** Consecutive chunks of one turn as a single chunk: exact lines, texts joined as paragraphs. */
export function mergeChunks(parts: readonly Chunk[]): Chunk {
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (parts.length === 1) return first;
  return {
    ...first,
    id: `${first.callId}#${first.startLine}-${last.endLine}`,
    endLine: last.endLine,
    lines: parts.flatMap((p) => p.lines),
    speakers: [...new Set(parts.flatMap((p) => p.speakers))],
    text: parts.map((p) => p.text).join('\n\n'),
    embedText: parts.map((p) => p.embedText).join('\n\n'),
    ...(last.endTime !== undefined && { endTime: last.endTime }),
    ...(parts.some((p) => p.times) && { times: parts.flatMap((p) => p.times ?? p.lines.map(() => null)) }),
  };
}
