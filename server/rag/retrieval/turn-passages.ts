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

const NONE: readonly Scored[] = [];

/**
 * Ranked chunks → ranked passages. A turn's best chunk is widened to its close neighbours (turnSpan).
 * A long turn (a CFO's prepared remarks run to a dozen chunks) can hold more than one answer far
 * apart: a later chunk of a turn that no earlier passage of that turn covers starts a passage of its
 * own, its score multiplied by `repeat` for each passage the turn already has (0 = one passage per
 * turn; 1 = chunks compete on their own scores). Passages never overlap.
 *
 * `ranked` is best first; the chunks of a turn have consecutive ordinals (transcript order).
 */
export function turnPassages<Turn>(
  ranked: readonly Scored[],
  /** Any key that is the same for the chunks of one turn and only for them (an id, or a number standing for it). */
  turnOf: (ordinal: number) => Turn,
  policy: TurnSpanPolicy,
  repeat: number,
  want: number,
): Passage[] {
  // Each ranked chunk's turn as a number (turns numbered as first met) and how many ranked chunks
  // each turn has. The lists are a few dozen chunks: a turn's other chunks and earlier passages are
  // found by scanning them, not kept in lists per turn (those were most of a search's allocations).
  const numbers = new Map<Turn, number>();
  const turnAt = new Int32Array(ranked.length);
  const chunksOfTurn: number[] = [];
  ranked.forEach((r, i) => {
    const turn = turnOf(r.ordinal);
    let t = numbers.get(turn);
    if (t === undefined) {
      numbers.set(turn, (t = chunksOfTurn.length));
      chunksOfTurn.push(0);
    }
    turnAt[i] = t;
    chunksOfTurn[t]++;
  });
  const passages: Passage[] = [];
  // The turn of each passage, and how many passages each turn has so far.
  const passageTurn: number[] = [];
  const passagesOfTurn = new Int32Array(chunksOfTurn.length);
  const covered = (t: number, o: number) => passages.some((p, k) => passageTurn[k] === t && o >= p.lo && o <= p.hi);
  for (let i = 0; i < ranked.length; i++) {
    const r = ranked[i];
    const t = turnAt[i];
    const earlier = passagesOfTurn[t];
    if (earlier > 0 && (repeat <= 0 || covered(t, r.ordinal))) continue;
    // Most turns hold one ranked chunk: nothing to widen with, and no list to build for it.
    const others = chunksOfTurn[t] === 1 ? NONE : ranked.filter((o, j) => j !== i && turnAt[j] === t && !(earlier > 0 && covered(t, o.ordinal)));
    let [lo, hi] = turnSpan(r, others, policy);
    // A widened span must not swallow an earlier passage lying between its ends.
    if (earlier > 0 && passages.some((p, k) => passageTurn[k] === t && p.lo <= hi && p.hi >= lo)) [lo, hi] = [r.ordinal, r.ordinal];
    passages.push({ best: r, lo, hi, score: r.score * repeat ** earlier });
    passageTurn.push(t);
    passagesOfTurn[t]++;
    // With no discount passages come out in rank order: enough found.
    if ((repeat >= 1 || repeat <= 0) && passages.length === want) break;
  }
  return passages.sort((a, b) => b.score - a.score || a.best.ordinal - b.best.ordinal).slice(0, want);
}
