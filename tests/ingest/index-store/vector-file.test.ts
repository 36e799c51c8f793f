import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VectorArray, VectorFile } from '../../../ingest/index-store/dense/vector-file.ts';
import { exactSearch } from '../../../ingest/index-store/dense/vectors.ts';
import { rng, unitVector } from './synthetic-index.ts';

describe('VectorFile (vectors read from disk when needed) and VectorArray (held in memory)', () => {
  it('gives the same exact top-k as a scan of the vectors in memory, across runs longer than its scratch', async () => {
    const dim = 16;
    const count = 3000;
    const next = rng(7);
    const flat = new Float32Array(count * dim);
    for (let i = 0; i < count; i++) flat.set(unitVector(dim, next), i * dim);
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'tqa-vf-')), 'vectors.f32');
    await writeFile(file, new Uint8Array(flat.buffer));
    const vectors = new VectorFile(file, dim, count);
    const query = unitVector(dim, next);
    const all = Int32Array.from({ length: count }, (_, i) => i);
    const some = all.filter((o) => o % 7 !== 3 && (o < 200 || o > 1500));
    for (const ordinals of [all, some]) expect(vectors.exactSearch(query, 25, ordinals)).toEqual(exactSearch(flat, dim, query, 25, ordinals));
    expect(Array.from(vectors.vector(2999))).toEqual(Array.from(flat.subarray(2999 * dim)));
    expect(() => vectors.vector(3000)).toThrow(RangeError);
    expect(() => new VectorFile(file, dim, count + 1)).toThrow(/does not hold/);
  });

  it('VectorArray answers as VectorFile does, from a SharedArrayBuffer', () => {
    const dim = 8;
    const count = 500;
    const next = rng(11);
    const bytes = new Uint8Array(new SharedArrayBuffer(count * dim * 4));
    const flat = new Float32Array(bytes.buffer);
    for (let i = 0; i < count; i++) flat.set(unitVector(dim, next), i * dim);
    const vectors = new VectorArray(bytes, dim, count);
    const query = unitVector(dim, next);
    const some = [3, 40, 41, 42, 77, 499];
    expect(vectors.exactSearch(query, 4, some)).toEqual(exactSearch(flat, dim, query, 4, some));
    const copy = vectors.vector(41);
    expect(Array.from(copy)).toEqual(Array.from(flat.subarray(41 * dim, 42 * dim)));
    copy[0] = 99;
    expect(flat[41 * dim]).not.toBe(99);
    expect(() => vectors.vector(-1)).toThrow(RangeError);
    expect(() => new VectorArray(bytes, dim, count + 1)).toThrow(/does not hold/);
  });
});
