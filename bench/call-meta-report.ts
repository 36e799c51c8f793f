// Coverage of call metadata over a folder of transcripts: how often the company, the period (from
// the spoken text, not the title) and the ticker are found, and where text and title disagree.
// Parses only (no chunking or embedding), so a library of a thousand calls takes seconds.
// Usage: tsx bench/call-meta-report.ts DIR [--sample N] [--seed S] [--json]
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractCallFacts, type CallFacts } from '../ingest/formats/call-meta/call-meta.ts';
import { decodeTranscript } from '../ingest/formats/decode.ts';
import { parseTranscript } from '../ingest/formats/parse.ts';

interface Row {
  file: string;
  title?: string;
  facts: CallFacts;
  titlePeriod?: { quarter?: number; year?: number };
  /** The extractor's period with the title line hidden: what the spoken text alone supports. */
  textOnly: CallFacts;
}

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  console.error('usage: tsx bench/call-meta-report.ts DIR [--sample N] [--seed S]');
  process.exit(2);
}
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const sampleSize = opt('sample', 20);
let seed = opt('seed', 1);
// A seeded shuffle so two runs (before/after a change) show the same sample.
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

/** The period a title names ("QZW Q2 2021 Earnings Call Transcript"), read independently of the extractor. */
function titlePeriod(title: string | undefined): Row['titlePeriod'] {
  if (!title) return undefined;
  const q = /\bQ([1-4])\b/.exec(title);
  const y = /\b((?:19|20)\d{2})\b/.exec(title);
  return q || y ? { quarter: q ? Number(q[1]) : undefined, year: y ? Number(y[1]) : undefined } : undefined;
}

const rows: Row[] = [];
let failed = 0;
for (const name of (await readdir(dir)).filter((f) => /\.(txt|md|vtt|srt)$/i.test(f)).sort()) {
  try {
    const parsed = parseTranscript(decodeTranscript(await readFile(join(dir, name)), name), name);
    rows.push({
      file: name,
      title: parsed.title,
      facts: extractCallFacts(parsed),
      titlePeriod: titlePeriod(parsed.title),
      textOnly: extractCallFacts({ ...parsed, title: undefined }),
    });
  } catch {
    failed++;
  }
}

const n = rows.length;
const pct = (k: number) => `${k} / ${n} (${((100 * k) / n).toFixed(1)}%)`;
const count = (f: (r: Row) => boolean) => rows.filter(f).length;
// Judged the same way for any version of the extractor: it still finds a quarter and year with no title to lean on.
const fromText = (r: Row) => r.textOnly.fiscalQuarter !== undefined && r.textOnly.fiscalYear !== undefined;
const differs = (r: Row) =>
  fromText(r) && r.titlePeriod !== undefined &&
  (r.titlePeriod.quarter !== r.textOnly.fiscalQuarter || r.titlePeriod.year !== r.textOnly.fiscalYear);

console.log(`calls parsed           ${n} (${failed} failed to parse)`);
console.log(`company                ${pct(count((r) => Boolean(r.facts.company)))}`);
console.log(`period from text       ${pct(count(fromText))}`);
console.log(`quarter (any source)   ${pct(count((r) => r.facts.fiscalQuarter !== undefined))}`);
console.log(`year (any source)      ${pct(count((r) => r.facts.fiscalYear !== undefined))}`);
console.log(`fiscal                 ${pct(count((r) => r.facts.fiscal))}`);
console.log(`ticker                 ${pct(count((r) => Boolean(r.facts.ticker)))}`);
console.log(`call date              ${pct(count((r) => Boolean(r.facts.callDate)))}`);
console.log(`text period ≠ title    ${pct(count(differs))}`);
const keys = new Map<string, Set<string>>();
for (const r of rows) {
  const key = r.facts.companyKey;
  if (key) keys.set(key, (keys.get(key) ?? new Set()).add(r.facts.company ?? '?'));
}
console.log(`distinct company keys  ${keys.size}`);

const shuffle = <T>(xs: T[]) => xs.map((x) => [random(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
const show = (r: Row) => {
  const f = r.facts;
  return `  ${r.file}  title=${JSON.stringify(r.title)}\n    → company=${JSON.stringify(f.company)} aliases=${JSON.stringify(f.companyAliases)} ticker=${f.ticker} key=${f.companyKey} Q${f.fiscalQuarter} ${f.fiscal ? 'FY' : ''}${f.fiscalYear} source=${f.periodSource} date=${f.callDate}`;
};
console.log(`\nsample where the text period differs from the title's (${sampleSize}):`);
for (const r of shuffle(rows.filter(differs)).slice(0, sampleSize)) console.log(show(r));
console.log(`\nrandom sample (${sampleSize}):`);
for (const r of shuffle(rows).slice(0, sampleSize)) console.log(show(r));
console.log(`\nno company (up to ${sampleSize}):`);
for (const r of rows.filter((r) => !r.facts.company).slice(0, sampleSize)) console.log(show(r));
console.log(`\nno period from text (up to ${sampleSize}):`);
for (const r of rows.filter((r) => !fromText(r)).slice(0, sampleSize)) console.log(show(r));
