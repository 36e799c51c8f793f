import { defineConfig } from 'vite';

// The chat page is built from this folder into dist/, which the server serves (server/routes/web).
// base '/' keeps asset URLs absolute so the same index.html works at /calls/:id.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Assets stay files (never data: URLs) so the CSP and the cache headers treat them alike.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
