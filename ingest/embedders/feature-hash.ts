// Signed feature hashing: a feature string picks a dimension and a sign, so unrelated
// features cancel out on average instead of piling up in one bucket. FNV-1a mixes the
// characters, murmur3's finaliser spreads the bits, then the low bits give the slot and
// bit 31 the sign (independent enough after the finaliser).

const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of `s[from, to)`, seeded so feature kinds (word, bigram, n-gram…) never collide by construction. */
export function fnv1a(s: string, seed: number, from = 0, to = s.length): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Adds `weight` to the slot of a hashed feature, with the hash's sign. */
export function addHashed(vec: Float32Array, hash: number, weight: number): void {
  const h = fmix32(hash);
  vec[h % vec.length] += h & 0x80000000 ? -weight : weight;
}
