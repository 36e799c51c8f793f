import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../../ingest/types.ts';
import { createUnitRoles, roleBits } from '../../../../server/rag/retrieval/unit-roles.ts';

// Made-up chunks: a one-turn unit and a unit grouping a question and its answer.
const base = { callId: 'c', file: 'c.txt', turnIndex: 0, part: 0, startLine: 1, endLine: 1, lines: [1], section: 'qa' as const, text: 'x', embedText: 'x' };
const single: Chunk = { ...base, id: 'c#1', turnId: 'c:t0', speaker: 'Op', speakers: ['Op'], role: 'operator' };
const grouped: Chunk = {
  ...base,
  id: 'c#2',
  turnId: 'c:t1',
  speaker: 'Ann',
  speakers: ['Ann', 'Bob'],
  role: 'analyst',
  turns: [
    { turnId: 'c:t1', from: 0, speaker: 'Ann', role: 'analyst' },
    { turnId: 'c:t2', from: 1, speaker: 'Bob', role: 'management' },
  ],
};

describe('createUnitRoles', () => {
  it("gives each chunk's roles as the bits roleBits gives those roles, the same on a second read", () => {
    const rolesOf = createUnitRoles([single, grouped]);
    expect(rolesOf(0)).toBe(roleBits(['operator']));
    expect(rolesOf(1)).toBe(roleBits(['analyst', 'management']));
    expect(rolesOf(1)).toBe(roleBits(['management', 'analyst']));
    expect(rolesOf(1) & roleBits(['operator'])).toBe(0);
    expect(rolesOf(0) & roleBits(['operator', 'other'])).not.toBe(0);
  });
});
