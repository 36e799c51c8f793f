// Words that frame a question (asking, saying, reporting) rather than name its subject, shared by
// follow-up rewriting, answer scoring and retrieval confidence; each adds the few of its own.
export const FRAMING_WORDS =
  'say said says talk talked discuss discussed mention mentioned comment comments tell told think thought ' +
  'describe explain happen happened expect expected';
