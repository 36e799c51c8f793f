import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SEEDS_DIR } from '../../support/seed-index.ts';

/** The text of source lines [start, end] of a seed file, joined by spaces, to look quotes up in. */
export function seedLines(file: string, start: number, end: number): string {
  const lines = readFileSync(path.join(SEEDS_DIR, file), 'utf8').split(/\r?\n/);
  return lines.slice(start - 1, end).join(' ');
}
