// `npm run ask`: the compiled command (dist/server/ask.mjs, built with the server by
// server/compile.ts at `npm install` and `npm start`) while it is newer than every source, else
// server/cli/ask.ts through tsx.
import { COMPILED_ASK, runCompiledOrSource } from '../build-state.mjs';

await runCompiledOrSource(COMPILED_ASK, new URL('./ask.ts', import.meta.url));
