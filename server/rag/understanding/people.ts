// The people a question names. A full name ("Dana Whitcombe") is looked up in the whole
// library; a single name word ("Tim", "Whitcombe") or a title ("the CFO") only among the calls
// already in scope, and counts only when it points at one person there: in a library of a
// thousand calls "Tim" is a dozen people and "the CFO" hundreds, and guessing one is worse than
// saying nothing.
import type { CatalogSpeaker } from '../retrieval/catalog.ts';
import { fileUnder } from './file-under.ts';
import { boundedMemo } from '../../../ingest/hot-path/recent-values.ts';

const NO_SPEAKERS: readonly CatalogSpeaker[] = [];

export interface PersonMatch {
  speaker: CatalogSpeaker;
  /** The words of the query that named them. */
  text: string;
  /** Named by first and last name, not by one word. */
  fullName: boolean;
}

// Most names are plain ASCII, which has no accents to take off: only lower-cased.
const ASCII = /^[\x00-\x7f]*$/;
const norm = (s: string) => (ASCII.test(s) ? s.toLowerCase() : s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
// Suffixes and particles are not names anyone is called by on their own.
const NOT_A_NAME = /^(?:jr|sr|ii|iii|iv|de|van|von|der|del|da|di|la|le|mr|mrs|ms|dr)$/i;

// Speakers' names come back on every question that mentions them (and personKey on each title
// holder in scope): split once per name. Bounded by the library's speakers.
/** First and last name words of a speaker ("Dana W. Whitcombe" → Dana, Whitcombe). */
const nameWords = boundedMemo(100_000, (name: string) => splitName(name));

function splitName(name: string): { first?: string; last?: string } {
  const words = name
    .replace(/\([^)]*\)/g, ' ')
    .split(/[\s,]+/)
    .map((w) => w.replace(/\.$/, ''))
    // A lone capital ends a label such as "Student C" or "Speaker B" (meetings with anonymised names).
    .filter((w, i, all) => (/^\p{L}[\p{L}'’-]+$/u.test(w) || (i === all.length - 1 && i > 0 && /^\p{Lu}$/u.test(w))) && !NOT_A_NAME.test(w));
  if (words.length === 0) return {};
  return { first: words[0], last: words.length > 1 ? words[words.length - 1] : undefined };
}

/**
 * One person however the calls spell them ("Dana W. Whitcombe" = "Dana Whitcombe", "Doug
 * Renner" = "Douglas M. Renner"): last name and first initial.
 */
export const personKey = (s: CatalogSpeaker): string => {
  let key = personKeys.get(s);
  if (key === undefined) {
    const { first, last } = nameWords(s.name);
    personKeys.set(s, (key = last ? norm(`${first!.slice(0, 1)} ${last}`) : norm(first ?? s.name)));
  }
  return key;
};
// Per speaker object: a library-wide "the CFO" keys a thousand title holders on every such question.
const personKeys = new WeakMap<CatalogSpeaker, string>();

/** "Doug" for "Douglas", "Dave" for "David": a first name as written or a short form of it. */
const sameFirstName = (a: string, b: string) => {
  const [x, y] = [norm(a), norm(b)];
  let common = 0;
  while (common < Math.min(x.length, y.length) && x[common] === y[common]) common++;
  return x === y || common >= 3 || (common === Math.min(x.length, y.length) && common >= 2);
};

interface NameIndex {
  /** lower-case word → speakers with that first or last name */
  byWord: Map<string, CatalogSpeaker[]>;
}

const indexes = new WeakMap<readonly CatalogSpeaker[], NameIndex>();

function nameIndex(speakers: readonly CatalogSpeaker[]): NameIndex {
  let idx = indexes.get(speakers);
  if (idx) return idx;
  const byWord = new Map<string, CatalogSpeaker[]>();
  for (const s of speakers) {
    const { first, last } = nameWords(s.name);
    for (const w of new Set([first, last])) {
      if (!w) continue;
      const key = norm(w);
      fileUnder(byWord, key, s);
    }
  }
  indexes.set(speakers, (idx = { byWord }));
  return idx;
}

const SPEAKING = /\b(?:did|does|do|has|had|would|will)\s*\u0000|\u0000(?:['’]s?\b|\s+(?:say|said|says|mention\w*|think|thinks|thought|explain\w*|note\w*|comment\w*|tell|told|describ\w*|expect\w*|believ\w*|add\w*|discuss\w*|argu\w*|claim\w*|report\w*|highlight\w*))/i;

// A word that may be a name. Run with exec from lastIndex 0: matchAll clones the regex at every call.
const NAME_WORD = /\p{L}[\p{L}'’-]*/gu;

export interface PeopleResolution {
  matches: PersonMatch[];
  /** Name words that were read as a name but did not point at one person, for `understood`. */
  unresolved: string[];
}

/**
 * Speakers named in the query. `inScope` says whether a speaker speaks in the calls the question
 * is already about (every speaker when it names none).
 */
export function resolvePeople(
  query: string,
  speakers: readonly CatalogSpeaker[],
  inScope: (s: CatalogSpeaker) => boolean,
  /** Whether the question already names calls (a company, a period); else the whole library is in scope. */
  scoped: boolean,
  /** Query ranges already read as something else (a company's name). */
  taken: readonly [number, number][] = [],
): PeopleResolution {
  const { byWord } = nameIndex(speakers);
  const matches: PersonMatch[] = [];
  const unresolved: string[] = [];
  const used: [number, number][] = [];
  for (const range of taken) used.push(range);
  const words: { text: string; start: number; end: number }[] = [];
  NAME_WORD.lastIndex = 0;
  for (let m = NAME_WORD.exec(query); m; m = NAME_WORD.exec(query)) {
    const text = m[0].replace(/['’]s$/, '');
    words.push({ text, start: m.index, end: m.index + text.length });
  }

  // Full names first: "Joe Kettler", "Dana Whitcombe", "Doug Renner" for Douglas M. Renner:
  // a last name with a first name (or a short form of it) just before it, an initial between.
  for (let i = 1; i < words.length; i++) {
    const lastWord = words[i];
    const firstAt = /^\p{L}\.?$/u.test(words[i - 1].text) && i >= 2 ? i - 2 : i - 1;
    const firstWord = words[firstAt];
    if (used.some(([a, b]) => firstWord.start < b && lastWord.end > a)) continue;
    for (const s of byWord.get(norm(lastWord.text)) ?? NO_SPEAKERS) {
      const { first, last } = nameWords(s.name);
      if (!first || !last || norm(last) !== norm(lastWord.text) || !sameFirstName(first, firstWord.text)) continue;
      if (!matches.some((x) => x.speaker === s)) matches.push({ speaker: s, text: query.slice(firstWord.start, lastWord.end), fullName: true });
    }
    if (matches.some((x) => x.text === query.slice(firstWord.start, lastWord.end))) used.push([firstWord.start, lastWord.end]);
  }

  // One name word, written as a name, not opening the question ("Will the company…"), pointing
  // at one person among the speakers in scope.
  for (const [i, w] of words.entries()) {
    if (used.some(([a, b]) => w.start >= a && w.start < b)) continue;
    const letter = /^\p{Lu}$/u.test(w.text);
    if (!(letter || /^\p{Lu}\p{Ll}/u.test(w.text)) || (i === 0 && !/['’]s$/.test(query.slice(w.start, w.end + 2)))) continue;
    // With no calls in scope, a lone name word must be someone speaking ("did Whitcombe say",
    // "Whitcombe's view"): "the Stone Creek ruling" names no one. A lone letter ("what did C
    // think") always must: "the plan C option" names no one either.
    if ((!scoped || letter) && !SPEAKING.test(`${query.slice(Math.max(0, w.start - 12), w.start)}\u0000${query.slice(w.end, w.end + 16)}`)) continue;
    const candidates = (byWord.get(norm(w.text)) ?? NO_SPEAKERS).filter(inScope);
    if (candidates.length === 0) continue;
    const people = new Set(candidates.map(personKey));
    if (people.size === 1) {
      if (!matches.some((x) => personKey(x.speaker) === personKey(candidates[0]))) matches.push({ speaker: candidates[0], text: w.text, fullName: false });
      for (const s of candidates.slice(1)) if (!matches.some((x) => x.speaker === s)) matches.push({ speaker: s, text: w.text, fullName: false });
    } else unresolved.push(`"${w.text}" is ${people.size} people in scope`);
  }
  return { matches, unresolved };
}
