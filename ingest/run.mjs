// `npm run ingest`: the compiled command (dist/server/ingest.mjs, built with the server by
// server/compile.ts at `npm install` and `npm start`) while it is newer than every source, else
// ingest/cli.ts through tsx.
import { COMPILED_INGEST, runCompiledOrSource } from '../server/build-state.mjs';

await runCompiledOrSource(COMPILED_INGEST, new URL('./cli.ts', import.meta.url));
