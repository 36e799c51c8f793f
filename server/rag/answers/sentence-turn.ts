import type { Chunk, UnitTurn } from '../../../ingest/types.ts';
import { turnAtLine, unitTurns } from '../../../ingest/unit-turns.ts';
import type { AnalysedSentence, ChunkSentence } from './chunk-sentences.ts';

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

// The turns of a chunk's sentences as one array, kept per analysed chunk: one lookup per chunk
// where every candidate sentence needs its turn.
const chunkTurns = new WeakMap<readonly AnalysedSentence[], UnitTurn[]>();

/** sentenceTurn of each of `sentences`, `chunk`'s analysed sentences (analysedSentences). */
export function sentenceTurns(chunk: Chunk, sentences: readonly AnalysedSentence[]): UnitTurn[] {
  let list = chunkTurns.get(sentences);
  if (!list) chunkTurns.set(sentences, (list = sentences.map((s) => sentenceTurn(chunk, s.sentence))));
  return list;
}

// A unit's turns, kept per analysed chunk as the sentences' turns are: unitTurns describes a
// one-turn unit afresh from its fields on each call (getters over the store's columns).
const unitTurnsCache = new WeakMap<readonly AnalysedSentence[], UnitTurn[]>();

/** unitTurns of `chunk`, whose analysed sentences are `sentences` (analysedSentences). */
export function chunkUnitTurns(chunk: Chunk, sentences: readonly AnalysedSentence[]): UnitTurn[] {
  let list = unitTurnsCache.get(sentences);
  if (!list) unitTurnsCache.set(sentences, (list = unitTurns(chunk)));
  return list;
}
