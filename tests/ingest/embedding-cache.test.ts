import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEmbeddingCache } from '../../ingest/embedders/cached-embedder.ts';
import type { Embedder } from '../../ingest/embedders/embedder.ts';
import { EmbeddingCache } from '../../ingest/embedders/embedding-cache.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'embedding-cache-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const vec = (...xs: number[]) => new Float32Array(xs);

/** A real (if tiny) embedder that counts the texts it is asked for. */
function countingEmbedder(id = 'test:len') {
  const seen: string[] = [];
  const embed = (t: string) => vec(t.length, 1, 0.5);
  const embedder: Embedder = {
    id,
    embedDocuments: async (texts) => (seen.push(...texts), texts.map(embed)),
    embedQuery: async (text) => (seen.push(`?${text}`), embed(text)),
  };
  return { embedder, seen };
}

describe('EmbeddingCache', () => {
  it('round-trips vectors through disk, keyed by embedder id and text', async () => {
    const cache = new EmbeddingCache({ dir });
    await cache.store('a:1', ['x', 'y'], [vec(1, 2), vec(3, 4)]);
    await cache.store('b:1', ['x'], [vec(9, 9, 9)]);
    await cache.flush();
    const reopened = new EmbeddingCache({ dir });
    expect(await reopened.lookup('a:1', ['y', 'x', 'z'])).toEqual([vec(3, 4), vec(1, 2), undefined]);
    expect(await reopened.lookup('b:1', ['x', 'y'])).toEqual([vec(9, 9, 9), undefined]);
    expect((await readdir(dir)).sort()).toHaveLength(2);
  });

  it('touches the disk only on flush, writes via a tmp file, and skips clean files', async () => {
    const cache = new EmbeddingCache({ dir: join(dir, 'nested') });
    await cache.store('a:1', ['x'], [vec(1)]);
    await expect(readdir(join(dir, 'nested'))).rejects.toThrow();
    await cache.flush();
    const file = cache.fileFor('a:1');
    expect(await readdir(join(dir, 'nested'))).toEqual([file.split('/').pop()]);
    await writeFile(file, 'sentinel'); // a clean cache must not rewrite its file
    await cache.flush();
    expect(await readFile(file, 'utf8')).toBe('sentinel');
  });

  it.each([
    ['garbage', async (file: string) => writeFile(file, 'definitely not a cache file')],
    ['truncated', async (file: string) => truncate(file, 50)],
  ])('ignores a %s file with a warning, then replaces it', async (_, damage) => {
    const writer = new EmbeddingCache({ dir });
    await writer.store('a:1', ['x', 'y'], [vec(1, 2, 3), vec(4, 5, 6)]);
    await writer.flush();
    await damage(writer.fileFor('a:1'));
    const warnings: string[] = [];
    const cache = new EmbeddingCache({ dir, onWarning: (m) => warnings.push(m) });
    expect(await cache.lookup('a:1', ['x'])).toEqual([undefined]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/ignoring corrupt .*a_1-/);
    await cache.store('a:1', ['z'], [vec(7, 8, 9)]);
    await cache.flush();
    expect(await new EmbeddingCache({ dir }).lookup('a:1', ['z'])).toEqual([vec(7, 8, 9)]);
  });

  it('refuses vectors of a different length than the file holds', async () => {
    const warnings: string[] = [];
    const cache = new EmbeddingCache({ dir, onWarning: (m) => warnings.push(m) });
    await cache.store('a:1', ['x', 'y'], [vec(1, 2), vec(1, 2, 3)]);
    expect(await cache.lookup('a:1', ['x', 'y'])).toEqual([vec(1, 2), undefined]);
    expect(warnings[0]).toMatch(/3 dims, cache holds 2/);
  });
});

describe('withEmbeddingCache', () => {
  it('embeds each new text once and serves repeats from the cache, across reopenings', async () => {
    const { embedder, seen } = countingEmbedder();
    const cached = withEmbeddingCache(embedder, new EmbeddingCache({ dir }));
    expect(await cached.embedDocuments(['aa', 'b', 'aa'])).toEqual([vec(2, 1, 0.5), vec(1, 1, 0.5), vec(2, 1, 0.5)]);
    expect(seen).toEqual(['aa', 'b']);
    const reopened = withEmbeddingCache(embedder, new EmbeddingCache({ dir }));
    expect(await reopened.embedDocuments(['b', 'ccc'])).toEqual([vec(1, 1, 0.5), vec(3, 1, 0.5)]);
    expect(seen).toEqual(['aa', 'b', 'ccc']);
    expect(reopened.id).toBe('test:len');
  });

  it('flushes every `flushEvery` texts, so a crash keeps the work already done', async () => {
    const { embedder, seen } = countingEmbedder();
    let calls = 0;
    const crashing: Embedder = {
      ...embedder,
      embedDocuments: async (texts) => {
        if (++calls === 2) throw new Error('crash');
        return embedder.embedDocuments(texts);
      },
    };
    const cached = withEmbeddingCache(crashing, new EmbeddingCache({ dir }), { flushEvery: 2 });
    await expect(cached.embedDocuments(['a', 'b', 'c', 'd'])).rejects.toThrow('crash');
    await withEmbeddingCache(embedder, new EmbeddingCache({ dir })).embedDocuments(['a', 'b', 'c', 'd']);
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps query vectors apart from document vectors of the same text', async () => {
    const { embedder, seen } = countingEmbedder();
    const cached = withEmbeddingCache(embedder, new EmbeddingCache({ dir }));
    await cached.embedQuery('q');
    await cached.embedQuery('q');
    await cached.embedDocuments(['q']);
    expect(seen).toEqual(['?q', 'q']);
  });
});
