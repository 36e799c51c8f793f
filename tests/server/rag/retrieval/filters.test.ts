import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../../ingest/types.ts';
import { createFilterCompiler, speakerMatches, type SearchFilters } from '../../../../server/rag/retrieval/filters.ts';

const chunk = (over: Partial<Chunk>): Chunk => ({
  id: 'c', callId: 'q1', file: 'q1.txt', turnId: 'q1:t0', turnIndex: 0, part: 0, startLine: 1, endLine: 1, lines: [1],
  speaker: 'Tim M. Wan', role: 'management', section: 'prepared', text: 't', embedText: 't', ...over,
  speakers: over.speakers ?? [over.speaker ?? 'Tim M. Wan'],
});
const chunks = [
  chunk({}),
  chunk({ callId: 'q4', speaker: 'Jane Roe', role: 'analyst', section: 'qa' }),
  chunk({ callId: 'q4', speaker: 'Operator', role: 'operator', section: 'qa' }),
];
const compileFilter = (list: readonly Chunk[], filters: SearchFilters | undefined) => createFilterCompiler(list)(filters);
const allowed = (f: ((o: number) => boolean) | undefined) => chunks.map((_, i) => i).filter((i) => !f || f(i));

describe('compileFilter', () => {
  it('returns undefined when nothing constrains', () => {
    expect(compileFilter(chunks, undefined)).toBeUndefined();
    expect(compileFilter(chunks, { callIds: [], roles: [] })).toBeUndefined();
  });
  it('combines constraints with AND', () => {
    expect(allowed(compileFilter(chunks, { callIds: ['q4'], roles: ['analyst'] }))).toEqual([1]);
    expect(allowed(compileFilter(chunks, { sections: ['qa'] }))).toEqual([1, 2]);
    expect(allowed(compileFilter(chunks, { speakers: ['tim wan'] }))).toEqual([0]);
  });
  it('matches nothing rather than everything for an unknown value', () => {
    expect(allowed(compileFilter(chunks, { callIds: ['nope'] }))).toEqual([]);
    expect(allowed(compileFilter(chunks, { speakers: ['Nobody'] }))).toEqual([]);
  });
});

describe('compileFilter over many chunks', () => {
  // Calls spread over the ordinals (a call's chunks consecutive or not), roles and speakers mixed.
  let seed = 9;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const roles = ['management', 'analyst', 'operator'] as const;
  const names = ['Ann Lee', 'Bo Chen', 'Cy Dar'];
  const many = Array.from({ length: 300 }, (_, o) =>
    chunk({ callId: o < 150 ? `c${Math.floor(o / 30)}` : pick(['x', 'y', 'z']), role: pick(roles), section: pick(['prepared', 'qa'] as const), speaker: pick(names) }),
  );
  const compile = createFilterCompiler(many);
  it('allows what the filters say, and lists it, whatever the calls’ places', () => {
    for (let round = 0; round < 200; round++) {
      const filters: SearchFilters = {};
      if (random() < 0.8) filters.callIds = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(['c0', 'c2', 'c4', 'x', 'y', 'z', 'none']));
      if (random() < 0.3) filters.roles = [pick(roles)];
      if (random() < 0.3) filters.sections = [pick(['prepared', 'qa'] as const)];
      if (random() < 0.3) filters.speakers = [pick(names)];
      const f = compile(filters);
      const want = many.flatMap((c, o) =>
        (!filters.callIds || filters.callIds.includes(c.callId)) &&
        (!filters.roles || filters.roles.includes(c.role)) &&
        (!filters.sections || filters.sections.includes(c.section)) &&
        (!filters.speakers || filters.speakers.includes(c.speaker))
          ? [o]
          : [],
      );
      if (!f) {
        expect(Object.keys(filters)).toEqual([]);
        continue;
      }
      expect([-1, ...many.keys(), many.length].filter((o) => f(o))).toEqual(want);
      expect([...f.allowed!()]).toEqual(want);
    }
  });
});

describe('speakerMatches', () => {
  it('accepts full names, name words in order and ignores case and accents', () => {
    expect(speakerMatches('Tim M. Wan', 'Tim M. Wan')).toBe(true);
    expect(speakerMatches('Tim M. Wan', 'tim wan')).toBe(true);
    expect(speakerMatches('José Núñez', 'jose nunez')).toBe(true);
    expect(speakerMatches('Tim M. Wan', 'Wan Tim')).toBe(false);
    expect(speakerMatches('Tim M. Wan', '')).toBe(false);
  });
});
