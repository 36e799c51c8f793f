import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface SourceFile {
  /** Absolute path on disk. */
  absolute: string;
  /** Path relative to the root it was found under, with `/` separators (a file given directly: its name). */
  relative: string;
  /** The content, for a transcript that is not on disk (an upload). */
  bytes?: Uint8Array;
}

/** Expands files and folders (recursively) into transcript files; hidden entries are skipped. */
export async function collectFiles(inputs: string[]): Promise<SourceFile[]> {
  const found = new Map<string, SourceFile>();
  for (const input of inputs) {
    const absolute = path.resolve(input);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new Error(`No such file or folder: ${input}`);
    if (info.isFile()) {
      found.set(absolute, { absolute, relative: path.basename(absolute) });
      continue;
    }
    for (const entry of await readdir(absolute, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const full = path.join(entry.parentPath, entry.name);
      const relative = path.relative(absolute, full).split(path.sep).join('/');
      if (relative.split('/').some((part) => part.startsWith('.'))) continue;
      found.set(full, { absolute: full, relative });
    }
  }
  return [...found.values()].sort((a, b) => a.relative.localeCompare(b.relative));
}
