// Entry point of a search thread under the TypeScript sources (tsx, vitest). Plain JavaScript: a
// worker does not inherit the TypeScript loader, so it registers tsx itself, then loads the body.
// The compiled server starts dist/server/search-thread.mjs instead (server/compile.ts).
import { tsImport } from 'tsx/esm/api';

await tsImport('./search-thread.ts', import.meta.url);
