import { appendFile, copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../../ingest/embedders/local.ts';
import { openIndex } from '../../../ingest/index-store/read.ts';
import type { OpenIndex } from '../../../ingest/index-store/types.ts';
import { ingest } from '../../../ingest/pipeline.ts';
import { analyze } from '../../../ingest/text/analyze.ts';
import { plainCall, plainChunk } from './synthetic-index.ts';

// An index grown over ingests holds what one built from scratch over the same files holds. The
// ingests below take each way a call can go: copied where it lay (at the front of the files the
// new generation starts as copies of), removed (from the middle, the end, the front), written
// anew (a changed file), copied to another place, and added.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const SOURCES = [
  path.join(ROOT, 'seeds/000_4ea6a2434226ac97.txt'),
  path.join(ROOT, 'seeds/001_a68e11fc9e09f61d.txt'),
  path.join(ROOT, 'tests/fixtures/transcripts/meeting-no-operator.txt'),
  path.join(ROOT, 'tests/fixtures/transcripts/speaker-colon-timestamps.txt'),
];
const ADDED = path.join(ROOT, 'tests/fixtures/transcripts/support-call.srt');
const name = (f: string) => path.basename(f);

const run = (indexDir: string, paths: string[], prune = false) =>
  ingest({ paths, indexDir, embedder: new LocalEmbedder(), chunkMaxTokens: 300, workers: 0, prune });

/** Everything an index holds, by chunk and call id rather than by place. */
function contents(index: OpenIndex) {
  const terms = new Set(index.chunks.flatMap((c) => analyze(c.embedText)));
  return {
    chunks: new Map(index.chunks.map((c, o) => [c.id, { ...plainChunk(c), vector: Array.from(index.vector(o)) }])),
    calls: new Map(index.calls.map((d) => [d.call.id, plainCall(d)])),
    lexical: new Map(
      [...terms].sort().map((t) => [t, { idf: index.idf(t), chunks: Array.from(index.chunksWith(t), (o) => index.chunks[o].id).sort() }]),
    ),
  };
}

describe('an index grown over ingests', () => {
  it('holds what an index built from scratch over the same files holds', { timeout: 60_000 }, async () => {
    const tmp = await mkdtemp(path.join(tmpdir(), 'tqa-grown-'));
    const library = path.join(tmp, 'library');
    const grownDir = path.join(tmp, 'grown');
    let scratches = 0;
    /** Grows the index from the library as it now is, and compares it with one built from scratch. */
    const grow = async (files: string[]) => {
      const summary = await run(grownDir, [library], true);
      const scratchDir = path.join(tmp, `scratch-${scratches++}`);
      await run(scratchDir, [library]);
      const [grown, scratch] = await Promise.all([openIndex(grownDir), openIndex(scratchDir)]);
      expect(grown.calls.map((d) => d.call.file)).toEqual(files);
      const [a, b] = [contents(grown), contents(scratch)];
      expect(a.chunks).toEqual(b.chunks);
      expect(a.calls).toEqual(b.calls);
      expect(a.lexical).toEqual(b.lexical);
      return summary;
    };
    try {
      await mkdir(library);
      for (const f of SOURCES) await copyFile(f, path.join(library, name(f)));
      await grow(SOURCES.map(name));

      await rm(path.join(library, name(SOURCES[1])));
      await appendFile(path.join(library, name(SOURCES[2])), '\nAlex: One more thing before we close: the launch moves to Thursday.\n');
      await copyFile(ADDED, path.join(library, name(ADDED)));
      expect(await grow([SOURCES[0], SOURCES[2], SOURCES[3], ADDED].map(name))).toMatchObject({ added: 1, updated: 1, removed: 1, reused: 2 });

      // The last call removed: the copies are cut after the calls before it.
      await rm(path.join(library, name(ADDED)));
      expect(await grow([SOURCES[0], SOURCES[2], SOURCES[3]].map(name))).toMatchObject({ removed: 1, reused: 3 });

      // The first call removed: no call is where it lay.
      await rm(path.join(library, name(SOURCES[0])));
      expect(await grow([SOURCES[2], SOURCES[3]].map(name))).toMatchObject({ removed: 1, reused: 2 });
      expect((await readdir(grownDir)).filter((f) => f.startsWith('gen-'))).toHaveLength(2);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
