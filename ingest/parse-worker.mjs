// Entry point of an ingest worker thread. Plain JavaScript: a worker does not inherit the
// TypeScript loader of vitest (nor always of tsx), so it registers tsx itself, then loads the
// TypeScript body.
import { tsImport } from 'tsx/esm/api';

await tsImport('./parse-worker.ts', import.meta.url);
