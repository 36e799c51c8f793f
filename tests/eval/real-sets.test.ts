import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexFingerprint } from './real/index-cache.ts';
import { EvalSetError, fileStem, loadLibraryQuestions, loadMeetingQuestions } from './real/real-sets.ts';
import type { Embedder } from '../../ingest/embedders/embedder.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tqa-real-sets-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('real set loaders', () => {
  it('loads a valid whole-library set', async () => {
    const file = path.join(dir, 'ok.json');
    await writeFile(file, JSON.stringify({ about: 'x', questions: [{ id: 'a', q: 'Why?', kind: 'why', gold: { X_q1_2020: [3] }, any: [] }] }));
    expect(await loadLibraryQuestions(file)).toHaveLength(1);
  });

  it('names the file and the offending field when the shape is wrong', async () => {
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ questions: [{ id: 'a', q: 'Why?', kind: 'guess', gold: {}, any: [] }] }));
    await expect(loadLibraryQuestions(file)).rejects.toThrow(EvalSetError);
    await expect(loadLibraryQuestions(file)).rejects.toThrow(/bad\.json.*\n.*questions\.0\.kind/);
  });

  it('rejects reversed spans and unreadable JSON with the file name', async () => {
    const spans = path.join(dir, 'spans.json');
    await writeFile(spans, JSON.stringify({ questions: [{ id: 'm', q: 'q', file: 'M.txt', spans: [[5, 2]] }] }));
    await expect(loadMeetingQuestions(spans)).rejects.toThrow(/spans\.json/);
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{');
    await expect(loadMeetingQuestions(broken)).rejects.toThrow(/broken\.json is not valid JSON/);
  });

  it('maps file names to gold keys', () => {
    expect(fileStem('AAA_q2_2021.txt')).toBe('AAA_q2_2021');
  });
});

describe('index fingerprint', () => {
  const embedder = { id: 'fake-v1' } as Embedder;

  it('changes with the corpus, the ingest code and the chunking, and only then', async () => {
    const corpus = path.join(dir, 'corpus');
    const code = path.join(dir, 'code');
    await Promise.all([mkdir(corpus), mkdir(code)]);
    await writeFile(path.join(corpus, 'A.txt'), 'hello');
    await writeFile(path.join(code, 'chunk.ts'), 'export const x = 1;');
    const of = (chunkMaxTokens = 300) => indexFingerprint({ corpusDir: corpus, ingestCodeDir: code, embedder, chunkMaxTokens });
    const base = await of();
    expect(await of()).toBe(base);
    expect(await of(200)).not.toBe(base);
    await writeFile(path.join(code, 'chunk.ts'), 'export const x = 2;');
    const afterCode = await of();
    expect(afterCode).not.toBe(base);
    await utimes(path.join(corpus, 'A.txt'), new Date(0), new Date(0));
    expect(await of()).not.toBe(afterCode);
  });
});
