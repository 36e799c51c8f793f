import type { Role } from '../../../ingest/types.ts';
import type { Catalog, CatalogCall, CatalogSpeaker } from '../retrieval/catalog.ts';
import { describeCall } from './describe-call.ts';
import { escapeRegExp, paddedWords } from '../text-match.ts';
import { periodScope, type PeriodGroup, type PeriodScope } from './call-scope.ts';
import { companiesOf, resolveCompanies, type Company } from './companies.ts';
import type { LibraryEvidence } from './evidence.ts';
import { resolvePeople, personKey } from './people.ts';
import { periodMentions } from './period-mentions.ts';
import { fileUnder } from './file-under.ts';
import { mapped } from '../../../ingest/hot-path/object-lists.ts';
import { RecentValues } from '../../../ingest/hot-path/recent-values.ts';

/** What the query was understood to ask for, shown to the client. */
export interface Understood {
  roles?: Role[];
  speakers?: string[];
  /** Companies the question names, and the words that named each. */
  companies?: { name: string; key: string; as: string }[];
  /** The calls the question is about (soft preference unless `scoped`). */
  callIds?: string[];
  /** True when company (and period, if named) were resolved with confidence: search only `callIds`. */
  scoped?: boolean;
  /** The question names two or more periods or calls to compare: each is searched on its own. */
  periods?: PeriodGroup[];
  /** Analysts' firms named in the query: their questions and the answers to them are favoured. */
  firms?: string[];
  /** Human-readable pieces, e.g. ["management", "Q1 FY2024 call"]. */
  labels: string[];
  /** Why each piece was (or was not) read so: "company Umbra Power Corporation ← \"Umbra's\"". */
  reasons: string[];
  /** Where the answer was looked for, in words: "Acme's Q2 2021 and Q3 2021 calls", "the Q3 2021 calls". */
  searched?: string;
  /** The query with the words that named a speaker or role taken out: what is searched (retrieve.ts then leaves out words that only frame it). */
  searchText: string;
  /**
   * "Who is the CFO of Acme?": the title asked about and the speakers in scope who hold it (none
   * when more than two people do, or nobody: `holders` counts them).
   */
  identity?: { title: string; speakers: string[]; holders: number };
}

// Query phrases for a title, and the pattern a speaker's title must match. General corporate titles.
const TITLE_PHRASES: { query: RegExp; title: RegExp; label: string }[] = [
  { query: /\b(ceo|chief executive(?: officer)?)\b/gi, title: /\b(ceo|chief executive)\b/i, label: 'CEO' },
  { query: /\b(cfo|chief financial officer|finance chief|head of finance|finance head)\b/gi, title: /\b(cfo|chief financial|finance)\b/i, label: 'CFO' },
  { query: /\b(coo|chief operating officer|operating chief)\b/gi, title: /\b(coo|chief operating)\b/i, label: 'COO' },
  { query: /\b(cto|chief technology officer|technology chief)\b/gi, title: /\b(cto|chief technology)\b/i, label: 'CTO' },
  { query: /\b(cro|chief revenue officer)\b/gi, title: /\b(cro|chief revenue)\b/i, label: 'CRO' },
  { query: /\b(cmo|chief marketing officer)\b/gi, title: /\b(cmo|chief marketing)\b/i, label: 'CMO' },
  { query: /\b(cpo|chief product officer)\b/gi, title: /\b(cpo|chief product)\b/i, label: 'CPO' },
  { query: /\b(founder|co-founder)\b/gi, title: /\bfounder\b/i, label: 'founder' },
  { query: /\b(head of ir|investor relations|ir head)\b/gi, title: /\b(ir|investor relations)\b/i, label: 'investor relations' },
];

// "Who would take over as CEO", "the new CFO": the title is the subject asked about, not whose
// words are wanted; it stays in the search. Built once, with the phrases.
const TITLES = TITLE_PHRASES.map((t) => ({ ...t, filled: new RegExp(`\\b(?:as|new|next|future)\\s+(?:the\\s+|its\\s+|our\\s+)?(?:${t.query.source})`, 'i') }));
// "Who is the CFO (of Acme)?", "Who's Acme's chief executive?", "Who was the CEO at Acme in 2021?": the
// holder of the title is what is asked, nothing about what they said.
const identityOf = (query: RegExp) =>
  new RegExp(`^\\W*who(?:['’]s|\\s+(?:is|was|are|were|runs|ran|heads|headed|leads|led))\\s+(?:(?:the|its|their|our)\\s+|[^?]{1,60}?['’]s\\s+)?(?:${query.source})\\s*(?:(?:of|at|for|in)\\s[^?]*)?\\??\\s*$`, 'i');
const IDENTITY = TITLE_PHRASES.map((t) => identityOf(t.query));
// Any title at all: most questions name none, and then the nine phrases need not be tried one by one.
const ANY_TITLE = new RegExp(TITLE_PHRASES.map((t) => t.query.source).join('|'), 'i');

const ROLE_WORDS: { query: RegExp; role: Role }[] = [
  { query: /\b(management(?: team)?|executives?|execs|leadership(?: team)?|the company|company leaders)\b/gi, role: 'management' },
  { query: /\b(analysts?|sell[- ]side|who asked)\b/gi, role: 'analyst' },
  { query: /\b(the operator)\b/gi, role: 'operator' },
];

// More holders of a title than this in scope means the question did not say whose.
const MAX_TITLE_HOLDERS = 2;

// Worked out once per catalog, not per question (1,380 calls, 5,146 speakers and 517 firms in the
// real library: rebuilding these per request was a third of understandQuery's time).
interface CatalogTables {
  callById: Map<string, CatalogCall>;
  /** Per entry of TITLES, the speakers whose title it matches, in catalog order. */
  titleHolders: CatalogSpeaker[][];
  /** The same, as sets: the few speakers of the calls in scope are checked against them. */
  titleHolderSets: Set<CatalogSpeaker>[];
  /** Each speaker's place in the catalog. */
  speakerOrder: Map<CatalogSpeaker, number>;
  /** Each firm's padded words, filed under their first word, in catalog order. */
  firmsByFirstWord: Map<string, { firm: string; padded: string; order: number }[]>;
  /** Who speaks in each call. */
  speakersOfCall: Map<string, CatalogSpeaker[]>;
  /** Each call's company, as its position in companiesOf(catalog.calls). */
  companyOfCall: Map<string, number>;
  /** No two calls share an id (so one company's or one period's calls need no de-duplicating). */
  distinctCallIds: boolean;
  /** Each company's calls, filled as companies are named. */
  callsOfCompany: WeakMap<Company, readonly CatalogCall[]>;
}
const catalogTables = new WeakMap<Catalog, CatalogTables>();
function tablesOf(catalog: Catalog): CatalogTables {
  let tables = catalogTables.get(catalog);
  if (tables) return tables;
  const firmsByFirstWord = new Map<string, { firm: string; padded: string; order: number }[]>();
  for (const [order, firm] of (catalog.firms ?? []).entries()) {
    const padded = paddedWords(firm);
    const first = padded.trim().split(' ')[0];
    fileUnder(firmsByFirstWord, first, { firm, padded, order });
  }
  const speakersOfCall = new Map<string, CatalogSpeaker[]>();
  for (const s of catalog.speakers) for (const id of s.callIds) fileUnder(speakersOfCall, id, s);
  const titleHolders = TITLES.map((t) => catalog.speakers.filter((s) => s.title && t.title.test(s.title)));
  tables = {
    callById: new Map(catalog.calls.map((c) => [c.id, c])),
    speakersOfCall,
    companyOfCall: new Map(companiesOf(catalog.calls).flatMap((c, i) => c.callIds.map((id) => [id, i] as const))),
    titleHolders,
    titleHolderSets: titleHolders.map((h) => new Set(h)),
    speakerOrder: new Map(catalog.speakers.map((s, i) => [s, i])),
    firmsByFirstWord,
    callsOfCompany: new WeakMap(),
    distinctCallIds: new Set(catalog.calls.map((c) => c.id)).size === catalog.calls.length,
  };
  catalogTables.set(catalog, tables);
  return tables;
}

/** The firms whose words the query holds, in catalog order (a firm matches only if its first word is one of the query's). */
function firmsIn(paddedQuery: string, tables: CatalogTables): string[] {
  const found: { firm: string; order: number }[] = [];
  // Each first word looked at once (few words start a firm's name: only those are remembered).
  const seen = new Set<string>();
  for (const word of paddedQuery.trim().split(' ')) {
    const firms = tables.firmsByFirstWord.get(word);
    if (!firms || seen.has(word)) continue;
    seen.add(word);
    for (const f of firms) if (paddedQuery.includes(f.padded)) found.push(f);
  }
  return found.sort((a, b) => a.order - b.order).map((f) => f.firm);
}

// A name as a whole word (and its possessive), compiled once per name: compiling it at every
// question cost more than the rest of this step. Names come from the catalog, so few; bounded anyway.
const nameRegexes = new RecentValues<string, RegExp>(1_024);
function nameRegex(name: string, possessive: string, flags: string): RegExp {
  const key = `${flags} ${possessive} ${name}`;
  let re = nameRegexes.get(key);
  if (!re) nameRegexes.set(key, (re = new RegExp(`(?<![\\p{L}])${escapeRegExp(name)}${possessive}(?![\\p{L}])`, flags)));
  return re;
}

/**
 * Company, then period, then people and roles, each looked up inside the scope the previous
 * ones set. `evidence` (the library's text) lets a word that is also a company's name count only
 * with support; without it every written match counts.
 */
export function understandQuery(
  query: string,
  catalog: Catalog,
  evidence?: LibraryEvidence,
  /** The calls the request itself is limited to (its filter): the scope people are looked up in. */
  within?: readonly string[],
): Understood {
  const labels: string[] = [];
  const reasons: string[] = [];
  const tables = tablesOf(catalog);
  const { callById } = tables;

  // 1. Companies.
  const companies = resolveCompanies(query, catalog.calls, evidence);
  reasons.push(...companies.rejected);
  let named: Company[] = mapped(companies.matches, (m) => m.company);
  for (const m of companies.matches) reasons.push(`company ${m.company.name} ← "${m.text}"`);
  let confidentCompany = companies.matches.some((m) => m.strength >= 2);

  // 2. Periods, among the named companies' calls (or the library's).
  const mentions = periodMentions(query);
  const callsOf = (cos: Company[]): readonly CatalogCall[] => (cos.length === 1 ? callsOfCompany(cos[0], tables) : cos.length ? cos.flatMap((c) => callsOfCompany(c, tables)) : catalog.calls);
  let periods = periodScope(query, mentions, callsOf(named));
  // The calls in scope, in order, each once. Worked out again only when the periods or companies
  // changed: a year named alone ("in 2021") puts hundreds of calls in scope, and this is asked up
  // to three times. One period's (or one company's) calls are already distinct when the catalog's are.
  let scopeOf: { periods: PeriodScope; named: Company[]; calls: readonly string[] | undefined } | undefined;
  const scopeCalls = (): readonly string[] | undefined => {
    if (scopeOf?.periods !== periods || scopeOf.named !== named) {
      const { groups } = periods;
      const lists = groups.length ? mapped(groups, (g) => g.callIds) : mapped(named, (c) => c.callIds);
      const calls = lists.length === 1 && tables.distinctCallIds ? lists[0] : distinct(lists);
      scopeOf = { periods, named, calls: calls.length || (!groups.length && named.length) ? calls : undefined };
    }
    return scopeOf.calls;
  };

  // 3. People: full names anywhere, single name words only among the speakers in scope.
  let inScopeCalls = scopeCalls() ?? (within?.length ? within : undefined);
  // The speakers of the calls in scope, gathered when first asked for that scope (a title's
  // holders number a thousand in the library; the calls in scope hold a few dozen speakers).
  let speakersFor: readonly string[] | undefined;
  let speakersInScope = new Set<CatalogSpeaker>();
  const gatherSpeakers = (calls: readonly string[]) => {
    if (speakersFor !== calls) {
      speakersFor = calls;
      speakersInScope = new Set();
      for (const id of calls) for (const s of tables.speakersOfCall.get(id) ?? []) speakersInScope.add(s);
    }
    return speakersInScope;
  };
  const inScope = (s: CatalogSpeaker) => !inScopeCalls || gatherSpeakers(inScopeCalls).has(s);
  // A title's holders in scope, in catalog order: from the side that is fewer (a thousand CFOs in
  // the library, a few dozen speakers in one company's calls).
  const holdersInScope = (i: number): CatalogSpeaker[] => {
    if (!inScopeCalls) return tables.titleHolders[i].slice();
    const here = gatherSpeakers(inScopeCalls);
    if (here.size >= tables.titleHolders[i].length) return tables.titleHolders[i].filter(inScope);
    const holders: CatalogSpeaker[] = [];
    for (const s of here) if (tables.titleHolderSets[i].has(s)) holders.push(s);
    return holders.sort((a, b) => tables.speakerOrder.get(a)! - tables.speakerOrder.get(b)!);
  };
  const taken = mapped(companies.matches, (m): [number, number] => [m.start, m.end]);
  const people = resolvePeople(query, catalog.speakers, inScope, inScopeCalls !== undefined, taken);
  reasons.push(...people.unresolved.map((u) => `${u}: not resolved`));
  // A person named in full and no company: the question is about their company's calls.
  if (named.length === 0) {
    const theirs = people.matches.filter((p) => p.fullName || people.matches.length === 1).flatMap((p) => p.speaker.callIds);
    const byCall = new Map<string, Company>();
    for (const c of companiesOfCalls(catalog, tables, theirs)) for (const id of c.callIds) byCall.set(id, c);
    const viaPeople: Company[] = [];
    for (const c of new Set(theirs.map((id) => byCall.get(id)))) if (c) viaPeople.push(c);
    if (viaPeople.length === 1) {
      named = viaPeople;
      confidentCompany = true;
      reasons.push(`company ${viaPeople[0].name} ← speaker ${people.matches[0].speaker.name}`);
      periods = periodScope(query, mentions, callsOf(named));
      inScopeCalls = scopeCalls() ?? inScopeCalls;
    }
  }
  const speakers = new Set<string>();
  for (const { speaker, text } of people.matches) {
    speakers.add(speaker.name);
    reasons.push(`speaker ${speaker.name} ← "${text}"`);
  }
  for (const key of new Set(people.matches.map((p) => personKey(p.speaker)))) {
    const s = people.matches.find((p) => personKey(p.speaker) === key)!.speaker;
    labels.push(s.title ? `${s.name} (${s.title})` : s.name);
  }

  let searchText = query;
  const consume = (re: RegExp) => {
    let hit = false;
    searchText = searchText.replace(re, () => {
      hit = true;
      return ' ';
    });
    return hit;
  };
  for (const { text } of people.matches) consume(nameRegex(text, `(?:['’]s)?`, 'giu'));

  // 4. Titles ("the CFO"): the holders among the speakers in scope, when that is one or two people.
  const roles = new Set<Role>();
  let identity: Understood['identity'];
  if (ANY_TITLE.test(searchText)) {
    for (const [i, t] of TITLES.entries()) {
      if (t.filled.test(searchText) || !consume(t.query)) continue;
      const holders = holdersInScope(i);
      const persons = new Set(holders.map(personKey));
      if (holders.length && persons.size <= MAX_TITLE_HOLDERS) {
        for (const s of holders) speakers.add(s.name);
        const shown = [...new Set(holders.map((s) => s.name))].join(', ');
        if (IDENTITY[i].test(query)) identity = { title: t.label, speakers: [...new Set(holders.map((s) => s.name))], holders: persons.size };
        labels.push(`${t.label}: ${shown}`);
        reasons.push(`${t.label} ← ${shown}, in the calls in scope`);
      } else {
        roles.add('management');
        reasons.push(holders.length ? `${t.label}: ${persons.size} people hold the title in scope; not resolved to one` : `${t.label}: nobody in scope holds the title`);
        if (IDENTITY[i].test(query)) identity = { title: t.label, speakers: [], holders: persons.size };
      }
    }
  }

  const paddedQuery = paddedWords(query);
  const firms = firmsIn(paddedQuery, tables);
  // Kept in the search text: answer chunks name the asking analyst's firm in their header.
  for (const firm of firms) labels.push(`${firm} analyst`);
  for (const r of ROLE_WORDS) {
    // "the Piper Sandler analyst" names whose question it is, not a wish for analysts' turns.
    if (r.role === 'analyst' && firms.length > 0) continue;
    if (consume(r.query)) {
      if (!roles.has(r.role)) labels.push(r.role);
      roles.add(r.role);
    }
  }

  // 5. The calls in scope, and whether to search only them.
  const callIds: string[] = [];
  for (const id of scopeCalls() ?? []) callIds.push(id);
  // Inside the named company's calls its name tells nothing apart; outside them it is noise.
  if (confidentCompany) for (const m of companies.matches) consume(nameRegex(m.text, `(?:['’]s?)?`, 'gu'));
  // Two periods compared: each is searched in its own call, where the other's words ("from Q2 to
  // Q3 2021": "Q3" in the Q2 call) would find its outlook, not what that call said of the subject.
  if (confidentCompany && periods.groups.length > 1) for (const m of periods.spent) consume(new RegExp(escapeRegExp(query.slice(m.start, m.end)), 'g'));
  for (const g of periods.groups) if (named.length) reasons.push(`period ${g.label} → ${g.callIds.map((id) => describeCall(callById.get(id)!)).join(', ')}`);
  reasons.push(...periods.reasons);
  for (const name of periods.missing) reasons.push(`period ${name}: no call in scope covers it`);
  const scoped = confidentCompany && callIds.length > 0;
  // The first three calls are named; hundreds may be in scope.
  if (callIds.length) labels.push(...callIds.slice(0, 3).map((id) => describeCall(callById.get(id)!)), ...(callIds.length > 3 ? [`and ${callIds.length - 3} more calls`] : []));
  const compared = scoped && periods.groups.length > 1 ? periods.groups : undefined;
  const owner = named.length === 1 ? `${companies.matches[0]?.text.replace(/['’]s?$/, '') || named[0].name}'s ` : named.length > 1 ? `${named.map((c) => c.name).join(' and ')} ` : 'the ';
  const periodWords = mapped(periods.groups, (g) => g.label);
  const searched =
    named.length || periodWords.length
      ? `${owner}${periodWords.length ? `${periodWords.join(' and ')} ` : ''}${callIds.length === 1 ? 'call' : 'calls'}`
      : undefined;

  // One shape whatever was found (a field not found is undefined, which JSON leaves out as it left
  // out the field): the code reading it is then optimised once, not again for each new mix of fields.
  return {
    // Spread only when not empty: a non-empty list of strings has one elements kind.
    roles: roles.size ? [...roles] : undefined,
    speakers: speakers.size ? [...speakers] : undefined,
    companies: named.length ? mapped(named, (c) => ({ name: c.name, key: c.key, as: companies.matches.find((m) => m.company === c)?.text ?? '' })) : undefined,
    callIds: callIds.length ? callIds : undefined,
    scoped: scoped || undefined,
    periods: compared,
    firms: firms.length ? firms : undefined,
    labels,
    reasons,
    searched,
    searchText: searchText.replace(/\s+/g, ' ').trim() || query,
    identity,
  };
}

/** The ids of these lists, each once, in order (loops: V8's flatMap is slow per element, and these run to hundreds). */
function distinct(lists: readonly (readonly string[])[]): string[] {
  const ids = new Set<string>();
  for (const list of lists) for (const id of list) ids.add(id);
  return [...ids];
}

/** A company's calls, looked up once per company (the same array each time: periodScope remembers its lookups per array). */
function callsOfCompany(company: Company, tables: CatalogTables): readonly CatalogCall[] {
  let calls = tables.callsOfCompany.get(company);
  if (!calls) tables.callsOfCompany.set(company, (calls = company.callIds.map((id) => tables.callById.get(id)!)));
  return calls;
}

/** The companies of these calls, in catalog order. */
function companiesOfCalls(catalog: Catalog, tables: CatalogTables, callIds: readonly string[]): Company[] {
  const all = companiesOf(catalog.calls);
  const positions = new Set<number>();
  for (const id of callIds) {
    const i = tables.companyOfCall.get(id);
    if (i !== undefined) positions.add(i);
  }
  return [...positions].sort((a, b) => a - b).map((i) => all[i]);
}
