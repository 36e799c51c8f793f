// `npm run ingest`: the compiled command (dist/server/ingest.mjs, built with the server by
// server/compile.ts at `npm install` and `npm start`) while it is newer than every source, else
// ingest/cli.ts through tsx (a source was edited since: `npm run build` compiles again). Compiled,
// the command starts in ~0.1 s instead of ~0.4 s (measured on the 2-core machine).
import { pathToFileURL } from 'node:url';
import { COMPILED_INGEST, compiledIsStale } from '../server/build-state.mjs';

if (!compiledIsStale(COMPILED_INGEST)) {
  await import(pathToFileURL(COMPILED_INGEST).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
