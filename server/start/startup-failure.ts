import { IndexStoreError } from '../../ingest/index-store/errors.ts';
import type { ServerConfig } from '../config.ts';

// The failures a first start runs into, each said in one sentence that ends with what to do.
// Anything else is unexpected and keeps its stack trace in the log.

type Settings = Pick<ServerConfig, 'HOST' | 'PORT' | 'INDEX_DIR' | 'EMBEDDER'>;

export function startupFailure(error: unknown, config: Settings): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const syscall = (error as NodeJS.ErrnoException | undefined)?.syscall;
  if (code === 'EADDRINUSE') {
    return `Port ${config.PORT} on ${config.HOST} is already in use: stop the program using it, or start on another port with PORT=${config.PORT + 1} npm start.`;
  }
  if (syscall === 'listen' && (code === 'EACCES' || code === 'EADDRNOTAVAIL')) {
    return `Cannot listen on ${config.HOST}:${config.PORT} (${code}): choose another HOST or a PORT above 1023.`;
  }
  if (error instanceof IndexStoreError) return indexFailure(error, config);
  // Reading the index folder itself failed (permissions, a file where a folder should be).
  if (code === 'EACCES' || code === 'EPERM' || code === 'ENOTDIR' || code === 'EISDIR') {
    const where = (error as NodeJS.ErrnoException).path ?? config.INDEX_DIR;
    return `Cannot read ${where} (${code}): give this user read access to INDEX_DIR (${config.INDEX_DIR}), or point INDEX_DIR at another folder.`;
  }
  return undefined;
}

function indexFailure(error: IndexStoreError, config: Settings): string {
  switch (error.code) {
    case 'embedder_mismatch': {
      const built = /built with embedder (\S+?),/.exec(error.message)?.[1];
      return (
        `The index in ${config.INDEX_DIR} was made with ${built ? `the ${built} embedder` : 'another embedder'} but EMBEDDER=${config.EMBEDDER}: ` +
        `rebuild it with npm run ingest -- --embedder ${config.EMBEDDER}, or set EMBEDDER to the one the index was made with.`
      );
    }
    case 'locked':
      return `The index in ${config.INDEX_DIR} is being written by another ingest: wait for it to finish, then start again.`;
    case 'missing':
      return `There is no index in ${config.INDEX_DIR}: build one with npm run ingest.`;
    default:
      return `The index in ${config.INDEX_DIR} is damaged or was written by another version: rebuild it with npm run ingest.`;
  }
}
