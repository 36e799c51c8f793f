// The I/O-and-parse floor of an ingest, for bench/ingest.ts: read every transcript file the
// ingest would read, decode it and tokenise it, and build nothing. Prints JSON on stdout.
import { readFile } from 'node:fs/promises';
import { collectFiles } from '../ingest/collect-files.ts';
import { tokenize } from '../ingest/text/tokenize.ts';

const started = performance.now();
const files = await collectFiles(process.argv.slice(2));
let bytes = 0;
let tokens = 0;
for (const f of files) {
  const buf = await readFile(f.absolute);
  bytes += buf.length;
  tokens += tokenize(new TextDecoder().decode(buf)).length;
}
process.stdout.write(`${JSON.stringify({ files: files.length, bytes, tokens, seconds: (performance.now() - started) / 1000 })}\n`);
