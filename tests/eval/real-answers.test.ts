import { describe, expect, it } from 'vitest';
import {
  citesGold,
  countAnswers,
  firstSentence,
  isCorrect,
  normalizeAnswerText,
  scoreAnswer,
  summarizeAnswers,
  type AnswerGiven,
  type AnswerKey,
  type Answerer,
} from './real/answer-metrics.ts';
import { buildBm25, type Window } from './real/bm25-baseline.ts';
import { evaluateLibrary, type Search } from './real/evaluate-real.ts';
import { formatSetReport } from './real/format-report.ts';
import type { LibraryQuestion } from './real/real-sets.ts';
import { baselineAnswerer } from './real/searchers.ts';

// Made-up calls of a made-up company (Widget Corp, WDG): no real transcript text.

const answer = (text: string, citations: AnswerGiven['citations'] = [], answered = true): AnswerGiven => ({ answer: text, answered, citations });
const fact = (any: string[], gold: Record<string, number[]> = { WDG_q1_2021: [12] }): AnswerKey => ({ kind: 'fact', gold, any });

/** An answer's citation counts: all of them, those on gold lines. */
const quotes = (n: number, gold: number) => ({ citationCount: n, goldCitationCount: gold });

describe('normalizeAnswerText', () => {
  it('lower-cases and makes whitespace one space', () => {
    expect(normalizeAnswerText('  Gross\n  Margin\tWAS  41%  ')).toBe('gross margin was 41%');
  });

  it('writes numbers one way: no $, no thousands commas, percent as %', () => {
    expect(normalizeAnswerText('$45 million')).toBe('45 million');
    expect(normalizeAnswerText('$ 1,250,000 and 3.5 percent, 4 per cent, 7 %')).toBe('1250000 and 3.5%, 4%, 7%');
    // A comma between numbers in a list is not a thousands separator.
    expect(normalizeAnswerText('1,25 and 2, 300')).toBe('1,25 and 2, 300');
  });

  it('makes typographic quotes and dashes plain', () => {
    expect(normalizeAnswerText('“Widget’s” 2019–2021')).toBe('"widget\'s" 2019-2021');
  });
});

describe('isCorrect', () => {
  it('needs one of `any`, case and spacing aside', () => {
    expect(isCorrect(answer('Revenue reached $45 Million in the quarter.'), fact(['45 million', 'March 9']))).toBe(true);
    expect(isCorrect(answer('The plant came back on\nMarch  9.'), fact(['45 million', 'March 9']))).toBe(true);
    expect(isCorrect(answer('Revenue reached $46 million.'), fact(['45 million']))).toBe(false);
  });

  it('matches an expected string written with $ or percent the same way', () => {
    expect(isCorrect(answer('guidance of 12 million to 14 million'), fact(['12 million to $14 million']))).toBe(true);
    expect(isCorrect(answer('margin of 4.17 percent'), fact(['4.17%']))).toBe(true);
    expect(isCorrect(answer('we shipped 842,000 units'), fact(['842,000']))).toBe(true);
  });

  it('for comparisons, needs every one of `all`', () => {
    const key: AnswerKey = { kind: 'compare', gold: {}, any: [], all: ['1.42', '1.48'] };
    expect(isCorrect(answer('raised from $1.42 to $1.48 per share'), key)).toBe(true);
    expect(isCorrect(answer('raised to $1.48 per share'), key)).toBe(false);
  });

  it('falls back to `any` for a comparison without `all`', () => {
    expect(isCorrect(answer('up 9%'), { kind: 'compare', gold: {}, any: ['9%'] })).toBe(true);
  });

  it('is never true for an abstention or when nothing is expected', () => {
    expect(isCorrect(answer("The transcripts don't cover this. 45 million", [], false), fact(['45 million']))).toBe(false);
    expect(isCorrect(answer('anything at all'), { kind: 'unanswerable', gold: {}, any: [] })).toBe(false);
    expect(isCorrect(answer('anything'), fact(['']))).toBe(false);
  });
});

describe('citesGold', () => {
  const gold = { WDG_q1_2021: [12, 30] };

  it('needs a citation range overlapping a gold line of a gold call, by file stem', () => {
    expect(citesGold([{ file: 'WDG_q1_2021.txt', startLine: 10, endLine: 12 }], gold)).toBe(true);
    expect(citesGold([{ file: 'WDG_q1_2021', startLine: 30, endLine: 30 }], gold)).toBe(true);
    expect(citesGold([{ file: 'WDG_q1_2021.txt', startLine: 13, endLine: 29 }], gold)).toBe(false);
  });

  it('does not count the same lines of another call', () => {
    expect(citesGold([{ file: 'WDG_q2_2021.txt', startLine: 12, endLine: 12 }], gold)).toBe(false);
  });

  it('counts any one citation of several, and none of none', () => {
    const citations = [
      { file: 'WDG_q2_2021.txt', startLine: 1, endLine: 5 },
      { file: 'WDG_q1_2021.txt', startLine: 29, endLine: 31 },
    ];
    expect(citesGold(citations, gold)).toBe(true);
    expect(citesGold([], gold)).toBe(false);
    expect(citesGold(citations, {})).toBe(false);
  });
});

describe('scoring and counting', () => {
  const key = fact(['41%']);
  const onGold = [{ file: 'WDG_q1_2021.txt', startLine: 12, endLine: 12 }];

  const offGold = { file: 'WDG_q1_2021.txt', startLine: 40, endLine: 41 };

  it('scores correct and cited apart, and counts the citations on gold lines', () => {
    expect(scoreAnswer(answer('gross margin 41%', onGold), key)).toEqual({ answered: true, correct: true, cited: true, ...quotes(1, 1) });
    expect(scoreAnswer(answer('gross margin 41%', []), key)).toEqual({ answered: true, correct: true, cited: false, ...quotes(0, 0) });
    expect(scoreAnswer(answer('gross margin 38%', [...onGold, offGold]), key)).toEqual({ answered: true, correct: false, cited: true, ...quotes(2, 1) });
  });

  it('gives an abstention neither correctness nor citations', () => {
    expect(scoreAnswer(answer('41%', onGold, false), key)).toEqual({ answered: false, correct: false, cited: false, ...quotes(0, 0) });
  });

  it('counts correct, cited, both, abstained and citations', () => {
    const counts = countAnswers([
      { answered: true, correct: true, cited: true, ...quotes(3, 1) },
      { answered: true, correct: true, cited: false, ...quotes(1, 0) },
      { answered: true, correct: false, cited: true, ...quotes(2, 2) },
      { answered: false, correct: false, cited: false, ...quotes(0, 0) },
    ]);
    expect(counts).toEqual({ count: 4, correct: 2, cited: 2, correctCited: 1, abstained: 1, ...quotes(6, 3) });
  });

  it('summarises per kind and over answerable questions; abstentions on unanswerable ones apart', () => {
    const right = { answered: true, correct: true, cited: true, ...quotes(1, 1) };
    const wrong = { answered: true, correct: false, cited: false, ...quotes(1, 0) };
    const silent = { answered: false, correct: false, cited: false, ...quotes(0, 0) };
    const summary = summarizeAnswers([
      { kind: 'fact', system: right, baseline: wrong },
      { kind: 'fact', system: silent, baseline: right },
      { kind: 'why', system: right, baseline: wrong },
      { kind: 'unanswerable', system: silent, baseline: wrong },
      { kind: 'unanswerable', system: wrong, baseline: wrong },
      { kind: 'unanswerable', system: silent, baseline: wrong },
    ]);
    expect(summary.rows.map((r) => r.label)).toEqual(['fact', 'why', 'answerable']);
    expect(summary.rows[0].system).toEqual({ count: 2, correct: 1, cited: 1, correctCited: 1, abstained: 1, ...quotes(1, 1) });
    expect(summary.rows[0].baseline).toEqual({ count: 2, correct: 1, cited: 1, correctCited: 1, abstained: 0, ...quotes(2, 1) });
    expect(summary.rows[2].system).toMatchObject({ count: 3, correctCited: 2, abstained: 1 });
    expect(summary.abstentions).toEqual({ count: 2, of: 3 });
    expect(summary.falseAbstentions).toEqual({ count: 1, of: 3 });
  });
});

describe('the baseline answerer', () => {
  it('takes the first sentence, not stopping at abbreviations, capped at a word', () => {
    expect(firstSentence('Okay.\nThanks, Bob. Next one.')).toBe('Okay.');
    expect(firstSentence('The U.S. plant, run by Mr. Smith, reopened. Then more.')).toBe('The U.S. plant, run by Mr. Smith, reopened.');
    expect(firstSentence('No full stop here')).toBe('No full stop here');
    const long = firstSentence(`${'word '.repeat(100)}end.`, 50);
    expect(long.length).toBeLessThanOrEqual(50);
    expect(long.endsWith('word')).toBe(true);
  });

  it("answers with the top window's first sentence, cited as the window's lines, never abstaining", async () => {
    const windows: Window[] = [
      { file: 'WDG_q1_2021.txt', startLine: 10, endLine: 13, text: 'Gross margin was 41% in the quarter.\nSprocket demand held up.' },
      { file: 'WDG_q2_2021.txt', startLine: 4, endLine: 6, text: 'We expect full-year revenue of $2.1 billion. Thank you.' },
    ];
    const ask = baselineAnswerer(buildBm25(windows));
    const a = await ask('What was the gross margin?');
    expect(a).toEqual({ answer: 'Gross margin was 41% in the quarter.', answered: true, citations: [{ file: 'WDG_q1_2021.txt', startLine: 10, endLine: 13 }] });
    expect(await ask('zebra xylophone')).toEqual({ answer: '', answered: true, citations: [] });
  });
});

describe('answers in the whole-library evaluation', () => {
  const questions: LibraryQuestion[] = [
    { id: 'f1', q: 'gross margin', kind: 'fact', gold: { WDG_q1_2021: [12] }, any: ['41%'] },
    { id: 'c1', q: 'revenue outlook', kind: 'compare', gold: { WDG_q1_2021: [20], WDG_q2_2021: [5] }, any: [], all: ['2.0 billion', '2.1 billion'] },
    { id: 'u1', q: 'dividend', kind: 'unanswerable', gold: {}, any: [] },
    { id: 'u2', q: 'buyback', kind: 'unanswerable', gold: {}, any: [] },
  ];
  const noResults: Search = async () => ({ results: [] });
  const system: Answerer = async (q) =>
    ({
      'gross margin': answer('CFO said: "Gross margin was 41 percent." [1]', [{ file: 'WDG_q1_2021.txt', startLine: 12, endLine: 12 }]),
      'revenue outlook': answer('"We expect $2.1 billion." [1]', [{ file: 'WDG_q2_2021.txt', startLine: 5, endLine: 5 }]),
      dividend: answer("The transcripts don't cover this.", [], false),
      buyback: answer('"We bought back shares." [1]', [{ file: 'WDG_q2_2021.txt', startLine: 9, endLine: 9 }]),
    })[q]!;
  const baseline: Answerer = async () => answer('Operator: Good morning.', [{ file: 'WDG_q1_2021.txt', startLine: 1, endLine: 12 }]);

  it('scores each answerer per question and summarises them side by side', async () => {
    const report = await evaluateLibrary(questions, noResults, noResults, 'fixture', { system, baseline });
    expect(report.outcomes.find((o) => o.id === 'f1')?.answer?.system).toMatchObject({ correct: true, cited: true, answered: true });
    expect(report.outcomes.find((o) => o.id === 'c1')?.answer?.system).toMatchObject({ correct: false, cited: true });
    expect(report.outcomes.find((o) => o.id === 'f1')?.answer?.baseline).toEqual({ answered: true, correct: false, cited: true, ...quotes(1, 1) });
    const all = report.answers!.rows.find((r) => r.label === 'answerable')!;
    expect(all.system).toEqual({ count: 2, correct: 1, cited: 2, correctCited: 1, abstained: 0, ...quotes(2, 2) });
    expect(all.baseline).toEqual({ count: 2, correct: 0, cited: 1, correctCited: 0, abstained: 0, ...quotes(2, 1) });
    expect(report.answers!.abstentions).toEqual({ count: 1, of: 2 });
    expect(report.answers!.falseAbstentions).toEqual({ count: 0, of: 2 });

    const text = formatSetReport(report, { showMisses: true });
    expect(text).toMatch(/fact \(n=1\)\s+1 \/ 0\s+1 \/ 0\s+1 \/ 1\s+0 \/ 0\s+1\/1 \/ 1\/1/);
    expect(text).toContain('unanswerable abstained (want all): 1/2');
    expect(text).toContain('c1 [compare] not correct, cited: "\\"We expect $2.1 billion.\\" [1]"'.replace(/\\"/g, '"'));
    expect(text).toContain('citations: WDG_q2_2021:5');
    expect(text).toContain('u2 [unanswerable] answered');
    expect(text).not.toContain('f1 [fact] correct');
  });

  it('leaves answers out when no answerers are given', async () => {
    const report = await evaluateLibrary(questions, noResults, noResults, 'fixture');
    expect(report.answers).toBeUndefined();
    expect(report.outcomes.every((o) => o.answer === undefined)).toBe(true);
    expect(formatSetReport(report)).not.toContain('answers (system / baseline)');
  });
});
