import { analyze } from './analyze.ts';
import { CONCEPTS } from './concepts.ts';

// Members analysed once, indexed by their first term, so matching a text's terms against
// ~100 groups costs one map lookup per term.
interface Member {
  terms: string[];
  id: string;
}

let byFirst: Map<string, Member[]> | undefined;
let membersById: Map<string, string[][]> | undefined;
/** A concept's members' keys (their terms joined by spaces), in conceptMembers' order. */
let keysById: Map<string, string[]> | undefined;
/** Member key → the concepts having that member. */
let byKey: Map<string, string[]> | undefined;

function build(): Map<string, Member[]> {
  byFirst = new Map();
  membersById = new Map();
  keysById = new Map();
  byKey = new Map();
  for (const group of CONCEPTS) {
    const seen = new Set<string>();
    const members: string[][] = [];
    for (const phrase of group.terms) {
      const terms = analyze(phrase);
      const key = terms.join(' ');
      if (terms.length === 0 || seen.has(key)) continue;
      seen.add(key);
      members.push(terms);
      const list = byFirst.get(terms[0]) ?? [];
      list.push({ terms, id: group.id });
      byFirst.set(terms[0], list);
      const ids = byKey.get(key) ?? [];
      if (!ids.includes(group.id)) ids.push(group.id);
      byKey.set(key, ids);
    }
    membersById.set(group.id, members);
    keysById.set(group.id, [...seen]);
  }
  return byFirst;
}

/** Concept ids whose members occur in an analysed term sequence, one entry per occurrence. */
export function conceptsIn(terms: readonly string[]): string[] {
  const index = byFirst ?? build();
  const found: string[] = [];
  for (let i = 0; i < terms.length; i++) {
    const members = index.get(terms[i]);
    if (!members) continue;
    for (const m of members) {
      let ok = true;
      for (let k = 1; k < m.terms.length && ok; k++) ok = terms[i + k] === m.terms[k];
      if (ok) found.push(m.id);
    }
  }
  return found;
}

/** The analysed members of a concept (each a term sequence), e.g. for query expansion. */
export function conceptMembers(id: string): string[][] {
  if (!membersById) build();
  return membersById!.get(id) ?? [];
}

/** conceptMembers' keys: each member's terms joined by spaces, in the same order. */
export function conceptMemberKeys(id: string): string[] {
  if (!keysById) build();
  return keysById!.get(id) ?? [];
}

const NO_CONCEPTS: readonly string[] = [];

/** The concepts having a member whose terms, joined by spaces, are `key` ("oper margin"): one lookup. */
export function conceptsWithMember(key: string): readonly string[] {
  if (!byKey) build();
  return byKey!.get(key) ?? NO_CONCEPTS;
}
