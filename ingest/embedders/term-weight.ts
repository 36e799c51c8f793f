import { analyze } from '../text/analyze.ts';

// A fixed prior on how much a term says, standing in for IDF (which needs corpus statistics
// the embedder must not depend on). Figures, not words, answer most earnings questions;
// conversational filler says nothing; longer words are rarer on average.

const FILLER_WORDS = `quarter year think thank thanks question go going get know really lot thing things
kind well like see look want great good mean say make continue call time new one obviously sure
yes yeah okay right little bit way come take talk today company business people next back last
maybe actually certainly much many still even already able sort guess hi hey morning afternoon
evening everyone everybody please appreciate terms around point just now given think also`;

let filler: Set<string> | undefined;

function fillerTerms(): Set<string> {
  filler ??= new Set(analyze(FILLER_WORDS));
  return filler;
}

/** Weight of an analysed term in the local embedding. */
export function termWeight(term: string): number {
  if (/^(q[1-4]|fy\d{4}|(19|20)\d{2})$/.test(term)) return 0.8;
  if (/\d/.test(term)) return 1.2;
  if (fillerTerms().has(term)) return 0.35;
  return Math.min(1.3, 0.55 + 0.08 * term.length);
}
