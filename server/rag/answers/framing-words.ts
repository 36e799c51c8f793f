// Words that frame a question (asking, saying, reporting) rather than name its subject, shared by
// follow-up rewriting, answer scoring and retrieval confidence; each adds the few of its own.
// Verbs that report speech, which retrieval leaves out of a question with other words ("say" too:
// see subject-terms.ts).
export const SPEECH_WORDS =
  'talk talked discuss discussed mention mentioned comment comments tell told think thought ' +
  'describe explain happen happened';
// "expect" frames a question ("what did they expect?") but is also what a call's guidance is about.
export const FRAMING_WORDS = `say said says ${SPEECH_WORDS} expect expected`;
