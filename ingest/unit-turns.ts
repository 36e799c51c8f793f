import type { Chunk, UnitTurn } from './types.ts';

/** The unit's turns, with a one-turn unit described by its own fields. */
export function unitTurns(chunk: Chunk): UnitTurn[] {
  if (chunk.turns?.length) return chunk.turns;
  const { turnId, speaker, title, role, firm, answersTurnId } = chunk;
  return [{ turnId, from: 0, speaker, title, role, firm, answersTurnId }];
}

/** The turn speaking on a source line of the unit (its first turn for a line it does not hold). */
export function turnAtLine(chunk: Chunk, line: number): UnitTurn {
  const turns = unitTurns(chunk);
  const at = chunk.lines.indexOf(line);
  let found = turns[0];
  for (const t of turns) if (at >= t.from) found = t;
  return found;
}
