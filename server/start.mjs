// `npm start`: the compiled server (server/compile.ts, run by prestart) while it is newer than
// every source, else the TypeScript sources through tsx (e.g. when esbuild could not be installed).
import { COMPILED_MAIN, runCompiledOrSource } from './build-state.mjs';

await runCompiledOrSource(COMPILED_MAIN, new URL('./main.ts', import.meta.url));
