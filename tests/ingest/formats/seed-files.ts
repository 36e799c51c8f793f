// Reads the project's seed transcripts and hand-written fixtures for the format tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SEED_000 = '000_4ea6a2434226ac97.txt';
export const SEED_001 = '001_a68e11fc9e09f61d.txt';

export function readSeed(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../seeds/${name}`, import.meta.url)), 'utf8');
}

export function readFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/transcripts/${name}`, import.meta.url)), 'utf8');
}
