import { ROLES, type Chunk, type Role } from '../../../ingest/types.ts';
import { unitTurns } from '../../../ingest/unit-turns.ts';

/** A set of roles as bits, in ROLES order. */
export function roleBits(roles: readonly Role[]): number {
  let bits = 0;
  for (const role of roles) bits |= 1 << ROLES.indexOf(role);
  return bits;
}

/**
 * The roles speaking in each chunk (roleBits of its unit's turns), worked out when first read and
 * kept, a byte per chunk: ranking asks it of every candidate at every question that names a role,
 * and unitTurns builds a turn object at each read.
 */
export function createUnitRoles(chunks: readonly Chunk[]): (ordinal: number) => number {
  // Marks a chunk already worked out (a unit always has a role, so its bits are never 0 either).
  const KNOWN = 1 << ROLES.length;
  const bits = new Uint8Array(chunks.length);
  return (ordinal) => {
    let b = bits[ordinal];
    if (b === 0) bits[ordinal] = b = KNOWN | roleBits(unitTurns(chunks[ordinal]).map((t) => t.role));
    return b & ~KNOWN;
  };
}
