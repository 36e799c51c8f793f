import type { Role } from '../../ingest/types.ts';
import type { Catalog, CatalogCall, CatalogSpeaker } from './catalog.ts';
import { callReference, matchCalls, describeCall } from './call-reference.ts';

/** What the query was understood to ask for: soft preferences the ranking favours, shown to the client. */
export interface Understood {
  roles?: Role[];
  speakers?: string[];
  callIds?: string[];
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

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function nameForms(speaker: CatalogSpeaker): string[] {
  const words = speaker.name.split(/\s+/).map((w) => w.replace(/[.,]/g, '')).filter((w) => w.length > 1);
  const forms = new Set<string>([speaker.name.replace(/\./g, '\\.?')]);
  if (words.length > 1) forms.add(`${words[0]} ${words[words.length - 1]}`);
  for (const w of [words[0], words[words.length - 1]]) {
    if (w && w.length > 2 && !AMBIGUOUS_NAMES.has(w.toLowerCase())) forms.add(escapeRe(w));
  }
  return [...forms].sort((a, b) => b.length - a.length);
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

  for (const s of catalog.speakers) {
    const re = new RegExp(`\\b(?:${nameForms(s).join('|')})(?:'s)?\\b`, 'gi');
    if (re.test(searchText)) {
      speakers.add(s.name);
      labels.push(s.title ? `${s.name} (${s.title})` : s.name);
    }
  }
  for (const s of catalog.speakers) consume(new RegExp(`\\b(?:${nameForms(s).join('|')})(?:'s)?\\b`, 'gi'));

  for (const t of TITLES) {
    if (!consume(t.query)) continue;
    const holders = catalog.speakers.filter((s) => s.title && t.title.test(s.title));
    for (const s of holders) speakers.add(s.name);
    if (holders.length) labels.push(`${t.label}: ${holders.map((s) => s.name).join(', ')}`);
  }
  for (const r of ROLE_WORDS) {
    if (consume(r.query)) {
      roles.add(r.role);
      labels.push(r.role);
    }
  }

  const reference = callReference(query);
  const calls: CatalogCall[] = reference ? matchCalls(catalog.calls, reference) : [];
  if (calls.length) labels.push(...calls.map(describeCall));

  return {
    ...(roles.size && { roles: [...roles] }),
    ...(speakers.size && { speakers: [...speakers] }),
    ...(calls.length && { callIds: calls.map((c) => c.id) }),
    labels,
    searchText: searchText.replace(/\s+/g, ' ').trim() || query,
  };
}
