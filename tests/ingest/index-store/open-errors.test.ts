import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IndexStoreError } from '../../../ingest/index-store/errors.ts';
import { openIndex } from '../../../ingest/index-store/read.ts';
import { writeIndex } from '../../../ingest/index-store/write.ts';
import { syntheticIndexData } from './synthetic-index.ts';

describe('openIndex refuses what it cannot serve', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'index-store-errors-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('says how to build an index when there is none', async () => {
    const err = await openIndex(join(dir, 'index')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexStoreError);
    expect(err).toMatchObject({ code: 'missing' });
    expect((err as Error).message).toMatch(/^No index in .*index — run `npm run ingest`$/);
  });

  it('names both embedders when the index was built with another one', async () => {
    await writeIndex(dir, syntheticIndexData({ calls: 1, chunksPerCall: 3, dim: 8, embedderId: 'local:hash-v1:8' }));
    const err = await openIndex(dir, { expectEmbedderId: 'openai:text-embedding-3-small' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'embedder_mismatch' });
    expect((err as Error).message).toContain('built with embedder local:hash-v1:8');
    expect((err as Error).message).toContain('configured for openai:text-embedding-3-small');
    await expect(openIndex(dir, { expectEmbedderId: 'local:hash-v1:8' })).resolves.toBeTruthy();
  });

  it('rejects an index with another format version', async () => {
    await writeIndex(dir, syntheticIndexData({ calls: 1, chunksPerCall: 3, dim: 8 }));
    const generation = (await readFile(join(dir, 'CURRENT'), 'utf8')).trim();
    const manifestPath = join(dir, generation, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    await writeFile(manifestPath, JSON.stringify({ ...manifest, formatVersion: 999 }));
    await expect(openIndex(dir)).rejects.toMatchObject({ code: 'format', message: expect.stringMatching(/format version 999/) });
  });

  it('opens an index with no chunks and finds nothing in it', async () => {
    const data = syntheticIndexData({ calls: 0, chunksPerCall: 0, dim: 8 });
    await writeIndex(dir, data);
    const index = await openIndex(dir);
    expect(index.chunks).toEqual([]);
    expect(index.dense(new Float32Array(8).fill(0.3), 5)).toEqual([]);
    expect(index.lexical(['revenu'], 5)).toEqual([]);
  });
});
