// Spelled-out phrases that also index their usual abbreviation, so a question that says
// "R&D" finds "research and development" and vice versa (the abbreviation itself indexes only
// as itself). Matched on lower-cased surface words, stop words included.
const PHRASES: ReadonlyArray<[string, string]> = [
  ['research and development', 'r&d'],
  ['sales and marketing', 's&m'],
  ['general and administrative', 'g&a'],
  ['mergers and acquisitions', 'm&a'],
  ['profit and loss', 'p&l'],
  ['free cash flow', 'fcf'],
  ['annual recurring revenue', 'arr'],
  ['annualized recurring revenue', 'arr'],
  ['net retention', 'nrr'],
  ['net revenue retention', 'nrr'],
  ['net dollar retention', 'nrr'],
  ['earnings per share', 'eps'],
  ['artificial intelligence', 'ai'],
  ['machine learning', 'ml'],
  ['large language model', 'llm'],
  ['year over year', 'yoy'],
  ['quarter over quarter', 'qoq'],
  ['remaining performance obligations', 'rpo'],
  ['total addressable market', 'tam'],
  ['average selling price', 'asp'],
  ['return on investment', 'roi'],
  ['chief executive officer', 'ceo'],
  ['chief financial officer', 'cfo'],
  ['chief operating officer', 'coo'],
  ['investor relations', 'ir'],
  ['go to market', 'gtm'],
];

const BY_FIRST = new Map<string, Array<{ words: string[]; abbr: string }>>();
for (const [phrase, abbr] of PHRASES) {
  const words = phrase.split(' ');
  const list = BY_FIRST.get(words[0]) ?? [];
  list.push({ words, abbr });
  BY_FIRST.set(words[0], list);
}

/** The abbreviation of a phrase starting at `words[i]`, if one does (`wordAt` hides non-word tokens). */
export function phraseAbbreviation(wordAt: (i: number) => string | undefined, i: number): string | undefined {
  const candidates = BY_FIRST.get(wordAt(i) ?? '');
  if (!candidates) return undefined;
  for (const { words, abbr } of candidates) {
    let ok = true;
    for (let k = 1; k < words.length && ok; k++) {
      const w = wordAt(i + k);
      ok = w === words[k] || (k === words.length - 1 && w === `${words[k]}s`);
    }
    if (ok) return abbr;
  }
  return undefined;
}
