// The NLTK English stop-word list (itself derived from the Snowball list), plus "us" (which
// NLTK lacks) and the apostrophe-less spellings people type in queries ("dont", "weve").
// Negations stay in the list: BM25 gains nothing from "not", and the answerer reads sentences.
const WORDS = `i me my myself we our ours ourselves you you're you've you'll you'd your yours
yourself yourselves he him his himself she she's her hers herself it it's its itself they them
their theirs themselves what which who whom this that that'll these those am is are was were be
been being have has had having do does did doing a an the and but if or because as until while
of at by for with about against between into through during before after above below to from
up down in out on off over under again further then once here there when where why how all any
both each few more most other some such no nor not only own same so than too very s t can will
just don don't should should've now d ll m o re ve y ain aren aren't couldn couldn't didn didn't
doesn doesn't hadn hadn't hasn hasn't haven haven't isn isn't ma mightn mightn't mustn mustn't
needn needn't shan shan't shouldn shouldn't wasn wasn't weren weren't won won't wouldn wouldn't
dont youre youve youll youd thatll shouldve arent couldnt didnt doesnt hadnt hasnt havent isnt
mightnt mustnt neednt shant shouldnt wasnt werent wont wouldnt we're we've we'll we'd i'm i've
i'll i'd they're they've they'll they'd he's there's here's what's let's it'd weve
us im ive id theyre theyve theyll theyd hes theres heres whats lets eg ie etc also would could`;

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

/** Whether a lower-cased word (apostrophes as ASCII `'`) is an English stop word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
