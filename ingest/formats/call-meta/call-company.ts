// The company a call introduces itself as: the capitalised name that sits against the period or
// the call words ("welcome to the Acme Corporation Third Quarter…", "…the Q3 2021 Acme, Inc.
// Earnings Call", "Acme's second quarter…", "…Earnings Call for Acme Corporation").
// The vocabularies below are the generic words of call introductions, not anybody's name.

const PERIOD_WORD =
  /^(?:q[1-4]|[1-4]q(?:'?\d{2,4})?|[12]h(?:'?\d{2,4})?|h[12](?:'?\d{2,4})?|(?:19|20)\d{2}|'\d{2}|fy'?\d{0,4}|(?:first|second|third|fourth)-quarter|quarter|quarterly|fiscal|year|year-end|year-to-date|ytd|full|full-year|half|half-year|annual|(?:six|nine|twelve)-months?)$/i;
// Ordinals are a period only before the word they count ("First Quarter", not "First Horizon").
const ORDINAL = /^(?:first|second|third|fourth|1st|2nd|3rd|4th)$/i;
const COUNTED = /^(?:quarter|fiscal|half|half-year|quarter-end)$/i;
const CALL_WORD = /^(?:earnings?|release|conference|call|calls|webcast|results|teleconference|update|meeting|presentation)$/i;
// "Investor" belongs to a name ("Lakeshore Hotel Investors") unless it names the event ("Investor Conference Call").
const EVENT_AFTER_INVESTOR = /^(?:day|conference|call|update|meeting|presentation)$/i;
// Capitalised words that open sentences or address people, never a company on their own.
const NOT_NAME = new Set(
  (
    'the a an and or of to for in on at by with from as our your their its my his her this that these those today tonight ' +
    "welcome welcoming good greetings hello hi thank thanks ladies gentlemen everyone everybody morning afternoon evening day operator " +
    'i we you he she it they please now also here there mr mrs ms dr sir madam ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december ' +
    'company corporation group inc corp ltd relations shareholders stockholders let analyst analysts'
  ).split(' '),
);
// After one of these the name is complete: "Acme Corporation Reports…", "Acme Inc. Earlier today…".
const FINAL_SUFFIX = /^(?:inc|incorporated|corp|corporation|co|company|holdings|plc|ltd|limited|llc|l\.?p|n\.?v|s\.?a)\.?$/i;
/** Legal and group endings a user leaves off when naming the company. */
export const LEGAL_SUFFIX =
  /^(?:inc|incorporated|corp|corporation|co|company|companies|holdings?|plc|ltd|limited|llc|l\.?p|n\.?v|s\.?a|a\.?g|s\.?e|se|ag|group|international|trust|bancorp(?:oration)?)\.?$/i;
const CONNECTOR = /^(?:&|and|of|de|du|la|von|van)$/;

interface Token {
  raw: string;
  /** Without surrounding punctuation or a possessive ending. */
  core: string;
  possessive: boolean;
  /** A comma, period, colon or bracket ends the phrase after this token. */
  stops: boolean;
}

function tokenize(sentence: string): Token[] {
  return sentence
    .split(/\s+/)
    .filter(Boolean)
    .map((raw) => {
      let core = raw.replace(/^[("'“‘[]+/, '');
      const stops = /[,;:)\]!?"”]$|(?<![A-Z]\.?[A-Z]?|\b(?:Inc|Corp|Co|Ltd|N\.V|S\.A|L\.P))\.$/.test(core);
      core = core.replace(/[,;:)\]!?"”]+$/, '');
      const possessive = /['’]s?$/.test(core);
      if (possessive) core = core.replace(/['’]s?$/, '');
      if (/(?<!\b(?:Inc|Corp|Co|Ltd|[A-Z]))\.$/.test(core)) core = core.slice(0, -1);
      return { raw, core, possessive, stops };
    });
}

const isPeriod = (t?: Token, next?: Token) =>
  t !== undefined && (PERIOD_WORD.test(t.core) || (ORDINAL.test(t.core) && next !== undefined && COUNTED.test(next.core)));
const isCall = (t?: Token, next?: Token) =>
  t !== undefined &&
  (CALL_WORD.test(t.core) ||
    (/^financial$/i.test(t.core) && next !== undefined && CALL_WORD.test(next.core)) ||
    (/^investors?$/i.test(t.core) && next !== undefined && EVENT_AFTER_INVESTOR.test(next.core)));
const isNameWord = (t: Token, next?: Token) =>
  /^(?:[\p{Lu}][\p{L}\d&.'’/-]*|\d+[\p{L}][\p{L}\d&.-]*|\p{Ll}+\p{Lu}[\p{L}\d]*)$/u.test(t.core) &&
  !NOT_NAME.has(t.core.toLowerCase().replace(/\.$/, '')) &&
  !isPeriod(t, next) &&
  !isCall(t, next);

/** "Harbor 77", "Depot 9": a short number ends a name it follows; never a year ("Acme 2021 Earnings"). */
const isNameNumber = (t: Token, next?: Token) => /^\d{1,3}$/.test(t.core) && !isPeriod(t, next) && !(next && COUNTED.test(next.core));

/** "Amber Axle & Manufacturing", "Bank of Tarrow", "Veld & Company"; not "Acme and Acme Partners" (two companies). */
function joins(tokens: Token[], start: number, at: number): boolean {
  const [t, next] = [tokens[at], tokens[at + 1]];
  if (!next || !CONNECTOR.test(t.core) || t.stops) return false;
  if (t.core === 'and' && next.core === tokens[start].core) return false;
  return isNameWord(next, tokens[at + 2]) || LEGAL_SUFFIX.test(next.core);
}

interface Run {
  start: number;
  end: number; // exclusive
}

/** Maximal name phrases: capitalised words, joined by "&"/"of", and ", Inc."-style endings. */
function runs(tokens: Token[]): Run[] {
  const out: Run[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isNameWord(tokens[i], tokens[i + 1])) {
      i++;
      continue;
    }
    const start = i;
    let end = i + 1;
    while (end < tokens.length && !tokens[end - 1].possessive) {
      const prev = tokens[end - 1];
      const t = tokens[end];
      if (prev.stops) {
        // "Acme, Inc." keeps its legal ending across the comma.
        if (prev.raw.endsWith(',') && LEGAL_SUFFIX.test(t.core)) {
          end++;
          continue;
        }
        break;
      }
      if (LEGAL_SUFFIX.test(t.core)) end++;
      else if (FINAL_SUFFIX.test(prev.core)) break;
      else if (isNameWord(t, tokens[end + 1]) || isNameNumber(t, tokens[end + 1])) end++;
      else if (joins(tokens, start, end)) end += 2;
      else break;
    }
    out.push({ start, end });
    i = end;
  }
  return out;
}

function phrase(tokens: Token[], run: Run): string {
  const words = tokens.slice(run.start, run.end).map((t, k, all) => {
    const last = k === all.length - 1;
    if (last) return t.core;
    return t.raw.replace(/^[("'“‘[]+/, '').replace(/[;:)\]!?"”]+$/, '');
  });
  return words.join(' ').replace(/^The\s+/, '').replace(/[,]$/, '');
}

/**
 * The companies named in one sentence of a call introduction, in order: name phrases that sit
 * against the period or the call words, or own them ("Acme's").
 */
export function companiesInSentence(sentence: string): string[] {
  const tokens = tokenize(sentence);
  const found: { run: Run; name: string; named: boolean }[] = [];
  for (const run of runs(tokens)) {
    const name = phrase(tokens, run);
    if (!isName(name, tokens.slice(run.start, run.end))) continue;
    const next = tokens[run.end];
    const last = tokens[run.end - 1];
    const prev = tokens[run.start - 1];
    const before = tokens[run.start - 2];
    const after = tokens[run.end + 1];
    // A comma may stand between the name and the period ("Acme, Second Quarter…"), a full stop may not.
    const against = (!last.stops && (isPeriod(next, after) || isCall(next, after))) || (last.raw.endsWith(',') && isPeriod(next, after));
    const owner = last.possessive && tokens.slice(run.end, run.end + 6).some((t, k, a) => isPeriod(t, a[k + 1]) || isCall(t, a[k + 1]));
    // "...Earnings Conference Call for Acme Corporation."
    const forCall = prev !== undefined && /^(?:for|of)$/i.test(prev.core) && (isCall(before, prev) || isPeriod(before, prev));
    // A legal ending marks a company wherever it stands in the welcome ("Acme Corporation Reports…").
    const legal = FINAL_SUFFIX.test(last.core) && run.end - run.start > 1;
    found.push({ run, name, named: against || owner || forCall || legal });
  }
  // "the Acme and Acme Partners Q3 2021 Earnings Call": the first of two joint names is named too.
  for (let i = found.length - 2; i >= 0; i--) {
    const [a, b] = [found[i], found[i + 1]];
    if (!a.named && b.named && /^(?:and|&)$/.test(tokens[a.run.end]?.core ?? '') && b.run.start === a.run.end + 1) a.named = true;
  }
  return found.filter((f) => f.named).map((f) => f.name);
}

/** Two letters, or a letter against a digit ("3M"): a name, not an initial or a number. */
export const hasNameLetters = (s: string): boolean => /\p{L}{2}|\d\p{L}|\p{L}\d/u.test(s);

/** Letters of a name, and more than a legal ending. */
const isName = (name: string, words: Token[]) => hasNameLetters(name) && !words.every((t) => LEGAL_SUFFIX.test(t.core));

// The words of a person's title, which a name phrase may start with ("Vice President of Acme").
const TITLE_WORD =
  /^(?:senior|executive|vice|president|director|head|manager|chief|officer|general|global|corporate|investor|relations|chair(?:man|woman|person)?|ceo|cfo|coo|treasurer|secretary|counsel|founder|co-founder|and|&)$/i;
// A title after an owner: "Acme's chairman", "Acme's Chief Financial Officer" (an officer: not
// "the Speaker's chair", "Her Majesty's Chief Inspector").
const OWNED_TITLE = /^(?:chair(?:man|woman|person)|ceo|cfo|coo|president|founder|co-founder)$/i;
const ownsTitle = (after: Token[]) => OWNED_TITLE.test(after[0]?.core ?? '') || after.slice(0, 5).some((t) => /^officer$/i.test(t.core));

/**
 * The companies one sentence ties somebody to, when no sentence introduces the call by name (a
 * call that opens with "I'm Jane Roe, President and CEO of Acme Corporation", or "…Vice President
 * of Acme Investor Relations"): a name before "Investor Relations" or after "investor relations
 * at", a name whose executive it is ("Acme's chairman and CEO", or with a legal ending after a
 * title: "CEO of Acme Corporation").
 */
export function affiliatedCompanies(sentence: string): string[] {
  const tokens = tokenize(sentence);
  const out: string[] = [];
  for (const found of runs(tokens)) {
    const run = { ...found };
    // "Vice President of Acme …", "President and CEO of Acme Corporation": the title is not the name.
    const of = tokens.slice(run.start, run.end).findIndex((t) => t.core === 'of');
    const titled = of > 0 && tokens.slice(run.start, run.start + of).every((t) => TITLE_WORD.test(t.core));
    if (titled) run.start += of + 1;
    // "Acme Investor Relations": the run took "Investor" in; "Finance and Investor Relations" names no company.
    const beforeRelations = /^investors?$/i.test(tokens[run.end - 1].core) && /^relations$/i.test(tokens[run.end]?.core ?? '') && run.end - run.start > 1;
    if (beforeRelations) run.end--;
    const words = tokens.slice(run.start, run.end);
    const name = phrase(tokens, run);
    if (words.length === 0 || CONNECTOR.test(words[words.length - 1].core) || !isName(name, words)) continue;
    const last = words[words.length - 1];
    const relationsAt = /^(?:at|for|of)$/i.test(tokens[run.start - 1]?.core ?? '') && /^relations$/i.test(tokens[run.start - 2]?.core ?? '');
    const owner = last.possessive && ownsTitle(tokens.slice(run.end));
    // A legal ending after a title ("CEO of Acme Corporation"), not any company the sentence names.
    const officerOf = titled && FINAL_SUFFIX.test(last.core) && words.length > 1;
    if (beforeRelations || relationsAt || owner || officerOf) out.push(name);
  }
  return out;
}

export function companyInSentence(sentence: string): string | undefined {
  return companiesInSentence(sentence)[0];
}
