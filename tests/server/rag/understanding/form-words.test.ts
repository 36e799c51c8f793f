import { describe, expect, it } from 'vitest';
import { plainForm, queryWords, wordOccurrences, wordsDecide } from '../../../../server/rag/understanding/form-words.ts';
import { escapeRegExp } from '../../../../server/rag/text-match.ts';

// The regex companies.ts runs for a form: what the word lookup must agree with.
const viaRegex = (query: string, form: string, isTicker: boolean) => {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form).replace(/\\\.|\s+/g, (m) => (m === '\\.' ? '\\.?' : '\\s+'))}(?![\\p{L}\\p{N}])`, isTicker ? 'gu' : 'giu');
  return [...query.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
};
const viaWords = (query: string, form: string, isTicker: boolean) => wordOccurrences(query, queryWords(query), plainForm(form, isTicker)!, isTicker);

describe('company forms found from the question words', () => {
  it('finds a plain form however it is cased and spaced, as whole words only', () => {
    expect(viaWords("What did ACME  foods' CFO say?", 'Acme Foods', false)).toEqual([{ start: 9, end: 20 }]);
    expect(viaWords('Acmeville and acme-foods', 'Acme Foods', false)).toEqual([]);
    expect(viaWords('acme, foods', 'Acme Foods', false)).toEqual([]);
  });

  it('matches a ticker as written', () => {
    expect(viaWords('Did QZX or qzx report?', 'QZX', true)).toEqual([{ start: 4, end: 7 }]);
  });

  it('does not overlap its own matches, as a global regex does not', () => {
    expect(viaWords('Tally Tally Tally', 'Tally Tally', false)).toEqual([{ start: 0, end: 11 }]);
  });

  it('leaves forms with dots, ampersands or accents, and questions with ſ or the Kelvin sign, to the regex', () => {
    expect(plainForm('Q.R. Holdings', false)).toBeUndefined();
    expect(plainForm('Birch & Vale', false)).toBeUndefined();
    expect(plainForm('Øster Mills', false)).toBeUndefined();
    expect(plainForm(' Acme', false)).toBeUndefined();
    expect(wordsDecide('what did Ackerly say')).toBe(true);
    expect(wordsDecide('what did \u212Aerly say')).toBe(false);
    expect(wordsDecide('what did ſorrel say')).toBe(false);
  });

  it('agrees with the regex on made-up forms and questions', () => {
    const forms: [string, boolean][] = [['Acme', false], ['Acme Foods', false], ['Acme Foods Group', false], ['AFG', true], ['Tally 9', false], ['Umbra', false]];
    const questions = [
      "What did Acme Foods Group's CFO say about AFG and acme foods?",
      'acme   Foods\tgroup, Acme-Foods, ACME FOODS GROUP2, afg, Afg, AFG.',
      'Tally 9 versus tally 90 and Tally  9',
      'Umbra’s Q2 call, umbral, (Umbra) and Umbras',
      'nothing here',
    ];
    for (const q of questions) for (const [f, t] of forms) expect(viaWords(q, f, t), `${f} in ${q}`).toEqual(viaRegex(q, f, t));
  });
});
