import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../ingest/types.ts';
import { createFilterCompiler, speakerMatches, type SearchFilters } from '../../../server/rag/retrieval/filters.ts';

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

describe('speakerMatches', () => {
  it('accepts full names, name words in order and ignores case and accents', () => {
    expect(speakerMatches('Tim M. Wan', 'Tim M. Wan')).toBe(true);
    expect(speakerMatches('Tim M. Wan', 'tim wan')).toBe(true);
    expect(speakerMatches('José Núñez', 'jose nunez')).toBe(true);
    expect(speakerMatches('Tim M. Wan', 'Wan Tim')).toBe(false);
    expect(speakerMatches('Tim M. Wan', '')).toBe(false);
  });
});
