import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBm25, charWindows, lineWindows, splitLines, tokenize } from './real/bm25-baseline.ts';
import { evaluateLibrary, evaluateMeetings } from './real/evaluate-real.ts';
import { baselineFileSearch, baselineLibrarySearch } from './real/searchers.ts';

// Made-up transcripts, written for these tests.
const WIDGET_Q1 = [
  'Widgetco Q1 2021 Earnings Call',
  'Operator',
  'Welcome to the Widgetco first quarter call.',
  'Jane Roe - Chief Executive Officer',
  'Revenue grew 12% to $40 million, driven by strong sprocket demand in Europe.',
  'Our gross margin was 41%, up from 38% a year ago.',
  'John Doe - Chief Financial Officer',
  'We expect full-year revenue between $170 million and $180 million.',
];
const WIDGET_Q2 = [
  'Widgetco Q2 2021 Earnings Call',
  'Jane Roe - Chief Executive Officer',
  'Revenue grew 9% to $44 million; sprocket demand stayed strong.',
  'John Doe - Chief Financial Officer',
  'We now expect full-year revenue between $175 million and $185 million.',
];
const MEETING = Array.from({ length: 25 }, (_, i) =>
  i === 0 ? 'Meeting ID' : i === 17 ? 'Ann: the remote control should have a rubber casing' : `Bob: filler remark number ${i}`,
);

describe('baseline windows', () => {
  it('packs whole consecutive lines up to the character budget and tracks their lines', () => {
    const lines = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40), 'd'.repeat(150), 'e'];
    const windows = charWindows('f.txt', lines, 100);
    expect(windows.map((w) => [w.startLine, w.endLine])).toEqual([[1, 2], [3, 3], [4, 4], [5, 5]]);
    expect(windows[0].text).toBe(`${'a'.repeat(40)}\n${'b'.repeat(40)}`);
  });

  it('cuts fixed line windows, the last one shorter', () => {
    expect(lineWindows('m.txt', MEETING, 10).map((w) => [w.startLine, w.endLine])).toEqual([[1, 10], [11, 20], [21, 25]]);
  });

  it('numbers lines as the files do', () => {
    expect(splitLines('one\r\ntwo\n')).toEqual(['one', 'two']);
  });
});

describe('BM25', () => {
  it('stems lowercase word tokens', () => {
    expect(tokenize('Margins GREW, margin-grows')).toEqual(['margin', 'grew', 'margin', 'grow']);
  });

  it('ranks the window sharing the rarer terms first, deterministically', () => {
    const bm25 = buildBm25(lineWindows('m.txt', MEETING, 5));
    const hits = bm25.search('rubber casing for the remote', 3);
    expect(hits[0].window.startLine).toBe(16);
    expect(hits[0].score).toBeGreaterThan(0);
    expect(bm25.search('nothing here matches zzz', 3)).toEqual([]);
  });
});

describe('baseline searches and set evaluation on fixtures', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tqa-real-eval-'));
    await writeFile(path.join(dir, 'WDG_q1_2021.txt'), `${WIDGET_Q1.join('\n')}\n`);
    await writeFile(path.join(dir, 'WDG_q2_2021.txt'), `${WIDGET_Q2.join('\n')}\n`);
    await writeFile(path.join(dir, 'Meet01.txt'), `${MEETING.join('\n')}\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('scores whole-library questions per kind, comparisons needing both calls', async () => {
    // Tiny windows so each paragraph is its own passage.
    const search = await baselineLibrarySearch(dir, (file, lines) => charWindows(file, lines, 10));
    const report = await evaluateLibrary(
      [
        { id: 'f1', q: 'gross margin 41%', kind: 'fact', gold: { WDG_q1_2021: [6] }, any: [] },
        { id: 'c1', q: 'full-year revenue expect', kind: 'compare', gold: { WDG_q1_2021: [8], WDG_q2_2021: [5] }, any: [] },
        { id: 'u1', q: 'dividend per share', kind: 'unanswerable', gold: {}, any: [] },
      ],
      search,
      search,
      'fixture',
    );
    expect(report.outcomes.find((o) => o.id === 'f1')?.rank).toBe(1);
    expect(report.outcomes.find((o) => o.id === 'c1')?.rank).toBe(2);
    expect(report.rows.map((r) => r.label)).toEqual(['fact', 'compare', 'answerable']);
    expect(report.rows.at(-1)?.system).toEqual({ count: 2, at5: 1, mrr10: 0.75 });
    expect(report.notCovered).toMatchObject({ unanswerableCount: 1, answerableCount: 2 });
  });

  it('searches inside one file only', async () => {
    const search = baselineFileSearch(dir, (file, lines) => lineWindows(file, lines, 10));
    const report = await evaluateMeetings(
      [{ id: 'm1', q: 'rubber casing', file: 'Meet01.txt', spans: [[18, 18]] }],
      search,
      search,
      'fixture',
    );
    expect(report.outcomes[0].rank).toBe(1);
    const inQ2 = await search('sprocket demand', 'WDG_q2_2021.txt');
    expect(inQ2.results.every((r) => r.stem === 'WDG_q2_2021')).toBe(true);
  });
});
