import type { Chunk, Role, Section } from '../../../ingest/types.ts';
import type { OrdinalFilter } from '../../../ingest/index-store/ordinal-filter.ts';
import { unitTurns } from '../../../ingest/unit-turns.ts';
import { boundedMemo } from '../../../ingest/hot-path/recent-values.ts';

export interface SearchFilters {
  callIds?: string[];
  speakers?: string[];
  roles?: Role[];
  sections?: Section[];
}

export type { OrdinalFilter };

const norm = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

// A name's words, normalised once: every chunk ranked and every sentence scored for a question
// naming a person compares its speaker's name again. Names come from the library (5,146 speakers
// in the real one) and from requests' filters: bounded anyway, at about 2 MB.
const nameWords = boundedMemo(16_384, (name: string): readonly string[] => norm(name).split(' ').filter(Boolean));

/** True when `wanted` names this speaker: the full name, or all of its words in order ("Tim Wan" ~ "Tim M. Wan"). */
export function speakerMatches(speaker: string, wanted: string): boolean {
  const want = nameWords(wanted);
  if (want.length === 0) return false;
  let i = 0;
  for (const word of nameWords(speaker)) if (word === want[i]) i++;
  return i === want.length;
}

/**
 * Turns filters into a predicate over chunk ordinals backed by a bitmap, so the searches, which
 * call it for every candidate posting and graph node, pay an array read. The per-call, per-role,
 * per-section and per-speaker ordinal lists are built once; a query's bitmap spans only the
 * ordinals between the first and the last its lists hold (a company's calls: a few hundred
 * chunks, not the library's 100k), so compiling a filter costs about what it allows.
 */
export function createFilterCompiler(chunks: readonly Chunk[]): (filters: SearchFilters | undefined) => OrdinalFilter | undefined {
  const byCall = new Map<string, number[]>();
  const byRole = new Map<string, number[]>();
  const bySection = new Map<string, number[]>();
  const bySpeaker = new Map<string, number[]>();
  // Every list is ascending: chunks are added in ordinal order.
  const add = (map: Map<string, number[]>, key: string, o: number) => {
    const list = map.get(key);
    if (list) list.push(o);
    else map.set(key, [o]);
  };
  chunks.forEach((c, o) => {
    add(byCall, c.callId, o);
    // A unit that groups several turns matches a role or speaker filter when any of its turns does
    // (a one-turn unit is its own role: no unitTurns object per chunk, at start, for 100k chunks).
    const turns = c.turns;
    if (turns?.length) for (const role of new Set(unitTurns(c).map((t) => t.role))) add(byRole, role, o);
    else add(byRole, c.role, o);
    add(bySection, c.section, o);
    for (const speaker of c.speakers) add(bySpeaker, speaker, o);
  });
  const speakerNames = [...bySpeaker.keys()];

  return (filters) => {
    if (!filters) return undefined;
    // One list of lists per constraint; an absent constraint (empty means absent too) adds none.
    const constraints: (number[] | undefined)[][] = [];
    if (filters.callIds?.length) constraints.push(filters.callIds.map((id) => byCall.get(id)));
    if (filters.roles?.length) constraints.push(filters.roles.map((r) => byRole.get(r)));
    if (filters.sections?.length) constraints.push(filters.sections.map((s) => bySection.get(s)));
    if (filters.speakers?.length) {
      const wanted = filters.speakers;
      // Lists of different names can hold the same unit; the bitmap makes that harmless.
      constraints.push(speakerNames.filter((name) => wanted.some((w) => speakerMatches(name, w))).map((n) => bySpeaker.get(n)));
    }
    if (constraints.length === 0) return undefined;
    // The ordinals every constraint can allow lie in the intersection of their spans.
    let lo = 0;
    let hi = chunks.length - 1;
    for (const lists of constraints) {
      let first = Infinity;
      let last = -1;
      for (const list of lists) {
        if (!list?.length) continue;
        first = Math.min(first, list[0]);
        last = Math.max(last, list[list.length - 1]);
      }
      lo = Math.max(lo, first);
      hi = Math.min(hi, last);
    }
    const bits = new Uint8Array(Math.max(0, hi - lo + 1));
    constraints.forEach((lists, i) => {
      // A bit set by every constraint so far reaches i + 1: the AND of them all.
      for (const list of lists) if (list) for (const o of list) if (o >= lo && o <= hi && bits[o - lo] === i) bits[o - lo] = i + 1;
    });
    const all = constraints.length;
    const filter: OrdinalFilter = (ordinal) => ordinal >= lo && ordinal <= hi && bits[ordinal - lo] === all;
    let list: Int32Array | undefined;
    filter.allowed = () => (list ??= allowedOrdinals(bits, lo, all));
    return filter;
  };
}

/** The ordinals whose bit is `all`, ascending: the bitmap starts at ordinal `lo`. */
function allowedOrdinals(bits: Uint8Array, lo: number, all: number): Int32Array {
  let n = 0;
  for (let i = 0; i < bits.length; i++) if (bits[i] === all) n++;
  const out = new Int32Array(n);
  for (let i = 0, j = 0; j < n; i++) if (bits[i] === all) out[j++] = lo + i;
  return out;
}
