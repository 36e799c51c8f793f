import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The newest modification time of a file, or of any file under a folder: what decides whether a
 * build (the web page, the compiled server) is older than its sources. Entries named in `skip`
 * are not entered at any depth (build outputs, node_modules).
 */
export function newestMtime(entry: string, skip: ReadonlySet<string> = new Set()): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).filter((name) => !skip.has(name)).map((name) => newestMtime(path.join(entry, name), skip)));
}
