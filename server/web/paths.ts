import path from 'node:path';

/** The chat page's source folder (Vite's root) and its build output, served by server/routes/web. */
export const WEB_ROOT = import.meta.dirname;
export const WEB_DIST_DIR = path.join(WEB_ROOT, 'dist');
