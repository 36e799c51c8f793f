import { turnSpan, type TurnSpanPolicy } from './turn-span.ts';

/** A chunk ordinal with its ranking score. */
export interface Scored {
  ordinal: number;
  score: number;
}

/** A result before it becomes a chunk: the best chunk, the contiguous ordinal range shown, and the score it ranks by. */
export interface Passage {
  best: Scored;
  lo: number;
  hi: number;
  score: number;
}

/**
 * Ranked chunks → ranked passages. A turn's best chunk is widened to its close neighbours (turnSpan).
 * A long turn (a CFO's prepared remarks run to a dozen chunks) can hold more than one answer far
 * apart: a later chunk of a turn that no earlier passage of that turn covers starts a passage of its
 * own, its score multiplied by `repeat` for each passage the turn already has (0 = one passage per
 * turn; 1 = chunks compete on their own scores). Passages never overlap.
 *
 * `ranked` is best first; the chunks of a turn have consecutive ordinals (transcript order).
 */
const NONE: readonly Scored[] = [];

export function turnPassages<Turn>(
  ranked: readonly Scored[],
  /** Any key that is the same for the chunks of one turn and only for them (an id, or a number standing for it). */
  turnOf: (ordinal: number) => Turn,
  policy: TurnSpanPolicy,
  repeat: number,
  want: number,
): Passage[] {
  const byTurn = new Map<Turn, Scored[]>();
  for (const r of ranked) {
    const turn = turnOf(r.ordinal);
    const list = byTurn.get(turn);
    if (list) list.push(r);
    else byTurn.set(turn, [r]);
  }
  const spans = new Map<Turn, [number, number][]>();
  const covered = (list: [number, number][], o: number) => list.some(([lo, hi]) => o >= lo && o <= hi);
  const passages: Passage[] = [];
  for (const r of ranked) {
    const turn = turnOf(r.ordinal);
    const taken = spans.get(turn);
    if (taken && (repeat <= 0 || covered(taken, r.ordinal))) continue;
    // Most turns hold one ranked chunk: nothing to widen with, and no list to build for it.
    const inTurn = byTurn.get(turn)!;
    const others = inTurn.length === 1 ? NONE : inTurn.filter((o) => o !== r && !(taken && covered(taken, o.ordinal)));
    let [lo, hi] = turnSpan(r, others, policy);
    // A widened span must not swallow an earlier passage lying between its ends.
    if (taken?.some(([a, b]) => a <= hi && b >= lo)) [lo, hi] = [r.ordinal, r.ordinal];
    if (taken) taken.push([lo, hi]);
    else spans.set(turn, [[lo, hi]]);
    passages.push({ best: r, lo, hi, score: r.score * repeat ** ((taken?.length ?? 1) - 1) });
    // With no discount passages come out in rank order: enough found.
    if ((repeat >= 1 || repeat <= 0) && passages.length === want) break;
  }
  return passages.sort((a, b) => b.score - a.score || a.best.ordinal - b.best.ordinal).slice(0, want);
}
