import type { Role } from '../../ingest/types.ts';
import type { Catalog, CatalogCall, CatalogSpeaker } from './catalog.ts';
import { callReference, matchCalls, describeCall } from './call-reference.ts';
import { escapeRegExp, paddedWords } from './text-match.ts';

/** What the query was understood to ask for: soft preferences the ranking favours, shown to the client. */
export interface Understood {
  roles?: Role[];
  speakers?: string[];
  callIds?: string[];
  /** Analysts' firms named in the query: their questions and the answers to them are favoured. */
  firms?: string[];
  /** Human-readable pieces, e.g. ["management", "Q1 FY2024 call"]. */
  labels: string[];
  /** The query with the words that named a speaker or role taken out: what is searched. */
  searchText: string;
}

// Query phrases for a title, and the pattern a speaker's title must match. General corporate titles.
const TITLES: { query: RegExp; title: RegExp; label: string }[] = [
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

const ROLE_WORDS: { query: RegExp; role: Role }[] = [
  { query: /\b(management(?: team)?|executives?|execs|leadership(?: team)?|the company|company leaders)\b/gi, role: 'management' },
  { query: /\b(analysts?|sell[- ]side|who asked)\b/gi, role: 'analyst' },
  { query: /\b(the operator)\b/gi, role: 'operator' },
];

// Name parts that are also ordinary words would misfire as speaker references.
const AMBIGUOUS_NAMES = new Set(['will', 'may', 'mark', 'bill', 'grant', 'chase', 'rich', 'hope', 'joy', 'art', 'don', 'ray', 'june', 'april', 'summer', 'guy', 'van', 'de', 'von', 'del', 'la', 'le', 'di', 'jr', 'sr', 'ii', 'iii', 'unidentified', 'unknown', 'analyst', 'speaker', 'participant', 'company', 'representative']);


function nameForms(speaker: CatalogSpeaker): string[] {
  const words = speaker.name.split(/\s+/).map((w) => w.replace(/[.,]/g, '')).filter((w) => w.length > 1);
  const forms = new Set<string>([speaker.name.replace(/\./g, '\\.?')]);
  if (words.length > 1) forms.add(`${words[0]} ${words[words.length - 1]}`);
  for (const w of [words[0], words[words.length - 1]]) {
    if (w && w.length > 2 && !AMBIGUOUS_NAMES.has(w.toLowerCase())) forms.add(escapeRegExp(w));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

interface SpeakerMatcher {
  speaker: CatalogSpeaker;
  pattern: RegExp;
}

/**
 * Speaker name patterns compiled once per catalog and indexed by the words that can start a
 * match, so a query tests only the speakers whose name words it contains (an index of a
 * thousand calls has thousands of speakers).
 */
const compiled = new WeakMap<Catalog, Map<string, SpeakerMatcher[]>>();
function speakerMatchers(catalog: Catalog): Map<string, SpeakerMatcher[]> {
  let byWord = compiled.get(catalog);
  if (byWord) return byWord;
  byWord = new Map();
  for (const speaker of catalog.speakers) {
    const forms = nameForms(speaker);
    const matcher = { speaker, pattern: new RegExp(`\\b(?:${forms.join('|')})(?:'s)?\\b`, 'gi') };
    const words = new Set(speaker.name.toLowerCase().split(/\s+/).map((w) => w.replace(/[.,]/g, '')).filter((w) => w.length > 1));
    for (const w of words) byWord.set(w, [...(byWord.get(w) ?? []), matcher]);
  }
  compiled.set(catalog, byWord);
  return byWord;
}

function speakersNamed(query: string, catalog: Catalog): SpeakerMatcher[] {
  const byWord = speakerMatchers(catalog);
  const found = new Set<SpeakerMatcher>();
  for (const word of query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    for (const m of byWord.get(word) ?? []) {
      m.pattern.lastIndex = 0;
      if (m.pattern.test(query)) found.add(m);
    }
  }
  return [...found];
}

export function understandQuery(query: string, catalog: Catalog): Understood {
  let searchText = query;
  const labels: string[] = [];
  const speakers = new Set<string>();
  const roles = new Set<Role>();
  const consume = (re: RegExp) => {
    let hit = false;
    searchText = searchText.replace(re, () => {
      hit = true;
      return ' ';
    });
    return hit;
  };

  const reference = callReference(query);
  const calls: CatalogCall[] = reference ? matchCalls(catalog.calls, reference) : [];
  const inCalls = (s: CatalogSpeaker) => calls.length === 0 || s.callIds.some((id) => calls.some((c) => c.id === id));

  const named = speakersNamed(query, catalog);
  for (const { speaker } of named) {
    speakers.add(speaker.name);
    labels.push(speaker.title ? `${speaker.name} (${speaker.title})` : speaker.name);
  }
  for (const { pattern } of named) consume(pattern);

  for (const t of TITLES) {
    if (!consume(t.query)) continue;
    // "The CFO" of the call the question names; across calls, every holder of the title.
    const holders = catalog.speakers.filter((s) => s.title && t.title.test(s.title) && inCalls(s));
    for (const s of holders) speakers.add(s.name);
    if (holders.length) {
      const shown = holders.slice(0, 3).map((s) => s.name).join(', ');
      labels.push(`${t.label}: ${shown}${holders.length > 3 ? ` and ${holders.length - 3} more` : ''}`);
    }
  }
  const paddedQuery = paddedWords(query);
  const firms = (catalog.firms ?? []).filter((firm) => paddedQuery.includes(paddedWords(firm)));
  // Kept in the search text: answer chunks name the asking analyst's firm in their header.
  for (const firm of firms) labels.push(`${firm} analyst`);
  for (const r of ROLE_WORDS) {
    // "the Piper Sandler analyst" names whose question it is, not a wish for analysts' turns.
    if (r.role === 'analyst' && firms.length > 0) continue;
    if (consume(r.query)) {
      roles.add(r.role);
      labels.push(r.role);
    }
  }
  if (calls.length) labels.push(...calls.slice(0, 3).map(describeCall), ...(calls.length > 3 ? [`and ${calls.length - 3} more calls`] : []));

  return {
    ...(roles.size && { roles: [...roles] }),
    ...(speakers.size && { speakers: [...speakers] }),
    ...(calls.length && { callIds: calls.map((c) => c.id) }),
    ...(firms.length && { firms }),
    labels,
    searchText: searchText.replace(/\s+/g, ' ').trim() || query,
  };
}
