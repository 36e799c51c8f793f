import type { Chunk, Role, Section } from '../../ingest/types.ts';

export interface SearchFilters {
  callIds?: string[];
  speakers?: string[];
  roles?: Role[];
  sections?: Section[];
}

const norm = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** True when `wanted` names this speaker: the full name, or all of its words in order ("Tim Wan" ~ "Tim M. Wan"). */
export function speakerMatches(speaker: string, wanted: string): boolean {
  const have = norm(speaker).split(' ');
  const want = norm(wanted).split(' ').filter(Boolean);
  if (want.length === 0) return false;
  let i = 0;
  for (const word of have) if (word === want[i]) i++;
  return i === want.length;
}

/**
 * Compiles filters into a predicate over chunk ordinals, or undefined when there is nothing to
 * filter. Empty arrays count as "no constraint"; a constraint that matches nothing yields a
 * predicate that rejects everything (never "everything").
 */
export function compileFilter(chunks: readonly Chunk[], filters: SearchFilters | undefined): ((ordinal: number) => boolean) | undefined {
  if (!filters) return undefined;
  const callIds = filters.callIds?.length ? new Set(filters.callIds) : undefined;
  const roles = filters.roles?.length ? new Set(filters.roles) : undefined;
  const sections = filters.sections?.length ? new Set(filters.sections) : undefined;
  const speakers = filters.speakers?.length ? filters.speakers : undefined;
  if (!callIds && !roles && !sections && !speakers) return undefined;
  const speakerCache = new Map<string, boolean>();
  const speakerOk = (name: string) => {
    let ok = speakerCache.get(name);
    if (ok === undefined) {
      ok = speakers!.some((w) => speakerMatches(name, w));
      speakerCache.set(name, ok);
    }
    return ok;
  };
  return (ordinal) => {
    const c = chunks[ordinal];
    return (
      c !== undefined &&
      (!callIds || callIds.has(c.callId)) &&
      (!roles || roles.has(c.role)) &&
      (!sections || sections.has(c.section)) &&
      (!speakers || speakerOk(c.speaker))
    );
  };
}
