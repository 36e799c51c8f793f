import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const COMPANIES = ['Northwind', 'Contoso', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Acme'];

/**
 * Writes `count` transcripts with the seeds' structure (bilingual earnings format) into `dir`:
 * each a seed with another company name and shifted figures, so every file and chunk is distinct.
 */
export async function writeSyntheticCorpus(seedFiles: string[], dir: string, count: number): Promise<void> {
  const seeds = await Promise.all(seedFiles.map((f) => readFile(f, 'utf8')));
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const company = `${COMPANIES[i % COMPANIES.length]}${Math.floor(i / COMPANIES.length)}`;
    const text = seeds[i % seeds.length]
      .replaceAll('Asana', company)
      .replace(/\d+(\.\d+)?/g, (n) => (n.includes('.') ? (Number(n) + (i % 97) / 10).toFixed(1) : String(Number(n) + (i % 13))));
    await writeFile(path.join(dir, `call-${String(i).padStart(4, '0')}.txt`), text);
  }
}
