// `npm start`: the compiled server (server/compile.ts, run by prestart) when there is one, else the
// TypeScript sources through tsx (e.g. when esbuild could not be installed).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/server/main.mjs', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
