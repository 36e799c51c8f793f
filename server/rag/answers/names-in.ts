// A word with what may wrap or end it. Run with exec from lastIndex 0: matchAll clones the regex at every call.
const WORD = /\(?[\p{L}\p{N}][\p{L}\p{N}&.'’-]*\)?[,;:?!]?/gu;

/**
 * Multi-word names in a question, as written: runs of capitalised words, joined by spaces or
 * "of", with the acronym in brackets that may follow ("Dynamic Systems Inc. (DSI)", "University
 * of North Dakota", "Net Promoter Score"). A possessive or punctuation ends a run ("Acme Foods' Q2");
 * "and" and commas do not join (two companies, a list of months). The question's first word is
 * capitalised for another reason and starts none.
 */
export function namesIn(question: string): string[] {
  const words: RegExpExecArray[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(question); m; m = WORD.exec(question)) words.push(m);
  const names: string[] = [];
  let run: RegExpExecArray[] = [];
  const close = () => {
    while (run.length && run[run.length - 1][0] === 'of') run.pop();
    if (run.length > 1) {
      const last = run[run.length - 1];
      names.push(question.slice(run[0].index, last.index + last[0].length).replace(/(?:['’]s?|[,;:?!])$/, ''));
    }
    run = [];
  };
  for (const m of words) {
    const w = m[0];
    const capital = /^[A-Z]/.test(w) && m.index > 0;
    const acronym = /^\([A-Z][\w&.-]*\)[,;:?!]?$/.test(w) && run.length > 0;
    const joiner = w === 'of' && run.length > 0;
    if (capital || acronym || joiner) run.push(m);
    else close();
    if (/(?:['’]s?|[,;:?!])$/.test(w)) close();
  }
  close();
  return names;
}

/** A name's initials as an index term ("United States" → `us`, "Net Promoter Score" → `nps`); none for one word. */
export function initialsOf(name: string): string | undefined {
  const words = name.split(/\s+/).filter((w) => /^[A-Z]/.test(w));
  return words.length > 1 ? words.map((w) => w[0].toLowerCase()).join('') : undefined;
}
