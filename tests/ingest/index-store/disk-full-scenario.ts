// Run by disk-full.test.ts inside a private mount namespace where `dir` is a 2 MiB tmpfs: ingests
// for real until the disk is full and prints what it saw as JSON. Not a test file on its own.
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalEmbedder } from '../../../ingest/embedders/local.ts';
import { ingest } from '../../../ingest/pipeline.ts';

const [dir, seeds, extra] = process.argv.slice(2);
const indexDir = path.join(dir, 'index');
const sources = path.join(dir, 'sources');
const run = () => ingest({ paths: [seeds, sources], indexDir, embedder: new LocalEmbedder(), chunkMaxTokens: 300, workers: 0 });
const failure = (error: unknown) => ({ code: (error as { code?: string }).code, message: (error as Error).message });

await mkdir(sources);
const first = await run();
const live = (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim();

// New files make a new generation, which does not fit beside the first (an added call's graph is
// new, the other graphs are hard-linked: enough calls are added to fill the disk regardless).
for (let i = 0; i < 40; i++) await copyFile(extra, path.join(sources, `extra-call-${i}.txt`));
const midWrite = await run().then(() => undefined, failure);
const afterMidWrite = { current: (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim(), entries: await readdir(indexDir) };

// Fill what is left to the last byte: the next ingest cannot even write its lock.
let filler = 0;
for (const size of [1 << 16, 1 << 12, 1 << 8, 1]) {
  for (;;) {
    try {
      await writeFile(path.join(dir, `filler-${filler++}`), Buffer.alloc(size));
    } catch {
      break;
    }
  }
}
const atStart = await run().then(() => undefined, failure);
const afterAtStart = await readdir(indexDir);

process.stdout.write(JSON.stringify({ firstChunks: first.chunks, live, midWrite, afterMidWrite, atStart, afterAtStart }));
