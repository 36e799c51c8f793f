import type { Chunk, UnitTurn } from '../../../ingest/types.ts';
import { turnAtLine } from '../../../ingest/unit-turns.ts';
import type { ChunkSentence } from './chunk-sentences.ts';

// Who speaks a sentence is read for every candidate sentence, several times per answer (its
// score, the turn it answers, the speaker named); turnAtLine rebuilds the unit's turns and line
// list on each call (a stored chunk's fields are getters). Chunk sentences are cached per chunk,
// so the turn is kept per sentence object.
const turns = new WeakMap<ChunkSentence, UnitTurn>();

/** The turn speaking `sentence`, one of `chunk`'s own sentences (chunkSentences). */
export function sentenceTurn(chunk: Chunk, sentence: ChunkSentence): UnitTurn {
  let turn = turns.get(sentence);
  if (!turn) turns.set(sentence, (turn = turnAtLine(chunk, sentence.startLine)));
  return turn;
}
