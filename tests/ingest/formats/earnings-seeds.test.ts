import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../ingest/formats/parse.ts';
import { hasNonLatinLetters, isMostlyNonLatin } from '../../../ingest/formats/script.ts';
import type { ParsedTranscript } from '../../../ingest/types.ts';
import { readSeed, SEED_000, SEED_001 } from './seed-files.ts';

const lines = (p: ParsedTranscript, speaker: RegExp, nth = 0) => p.turns.filter((t) => speaker.test(t.speaker))[nth];

describe('earnings format on the bilingual seeds', () => {
  const p0 = parseTranscript(readSeed(SEED_000), SEED_000);
  const p1 = parseTranscript(readSeed(SEED_001), SEED_001);

  it('finds one turn per doubled speaker header', () => {
    expect(p0.format).toBe('earnings');
    expect(p0.turns).toHaveLength(51);
    expect(p1.turns).toHaveLength(74);
  });

  it("keeps the CEO's prepared remarks in 000 on lines 20-58 under the header at 18", () => {
    const ceo = lines(p0, /Moskovitz/);
    expect(ceo.headerLine).toBe(18);
    expect(ceo.paragraphs[0].line).toBe(20);
    expect(ceo.paragraphs.at(-1)!.line).toBe(58);
    expect(ceo.paragraphs.map((x) => x.line)).toEqual(Array.from({ length: 20 }, (_, i) => 20 + 2 * i));
    expect(ceo.paragraphs[0].text).toBe('Thank you, Catherine, and thank you all for joining us on the call today.');
  });

  it("keeps the CFO's prepared remarks in 001 on lines 116-144", () => {
    const cfo = lines(p1, /Tim M\. Wan/);
    expect(cfo.title).toBe('Head of Finance');
    expect([cfo.paragraphs[0].line, cfo.paragraphs.at(-1)!.line]).toEqual([116, 144]);
  });

  it('splits "Name - Title" on the first dash, keeping commas and & in the title', () => {
    expect(lines(p0, /Moskovitz/)).toMatchObject({ speaker: 'Dustin A. Moskovitz', title: 'Co-Founder, President, CEO & Chair' });
    const walravens = lines(p0, /Walravens/);
    expect(walravens.title).toBe('MD, Director of Technology Research & Equity Research Analyst');
    expect(p0.turns[0]).toMatchObject({ speaker: 'Operator', headerLine: 2 });
  });

  it('keeps short paragraphs and stage notes as text, not headers', () => {
    const texts = p0.turns.flatMap((t) => t.paragraphs.map((x) => x.text));
    for (const short of ['Great.', 'Yes.', 'Thanks, Dustin.', 'Okay. Great.', '(Operator Instructions)']) expect(texts).toContain(short);
    expect(p1.turns.flatMap((t) => t.paragraphs.map((x) => x.text))).toContain('(technical difficulty)');
  });

  it('keeps no translated text in any paragraph', () => {
    for (const p of [p0, p1]) {
      for (const para of p.turns.flatMap((t) => t.paragraphs)) {
        expect(hasNonLatinLetters(para.text), `line ${para.line}`).toBe(false);
        expect(/\p{Script=Han}/u.test(para.text)).toBe(false);
      }
    }
  });

  it('cites every English paragraph line of the file exactly once', () => {
    const src = readSeed(SEED_000).split('\n');
    const headerLines = new Set(p0.turns.flatMap((t) => [t.headerLine!, t.headerLine! + 1]));
    const english = src.flatMap((l, i) => (l.trim() && !isMostlyNonLatin(l) && !headerLines.has(i + 1) ? [i + 1] : []));
    expect(p0.turns.flatMap((t) => t.paragraphs.map((x) => x.line))).toEqual(english);
  });
});

describe('earnings format without translations', () => {
  /** Drops translations and the doubled header line; remembers each kept line's original number. */
  function englishOnly(text: string, title?: string): { text: string; original: number[] } {
    const src = text.split('\n');
    const original: number[] = title ? [0] : [];
    src.forEach((l, i) => {
      if (!l.trim() || isMostlyNonLatin(l) || (i > 0 && src[i - 1] === l)) return;
      original.push(i + 1);
    });
    const kept = original.map((n) => (n === 0 ? title! : src[n - 1]));
    return { text: kept.join('\n'), original };
  }

  for (const seed of [SEED_000, SEED_001]) {
    it(`gives the same turns as the bilingual ${seed}`, () => {
      const bilingual = parseTranscript(readSeed(seed), seed);
      const { text, original } = englishOnly(readSeed(seed));
      const plain = parseTranscript(text, seed);
      const shape = (p: ParsedTranscript, map: (n: number) => number) =>
        p.turns.map((t) => ({ speaker: t.speaker, title: t.title, lines: t.paragraphs.map((x) => map(x.line)), text: t.paragraphs.map((x) => x.text) }));
      expect(plain.format).toBe('earnings');
      expect(shape(plain, (n) => original[n - 1])).toEqual(shape(bilingual, (n) => n));
    });
  }

  it('returns a plain first line as the title', () => {
    const { text, original } = englishOnly(readSeed(SEED_000), 'Asana Q1 FY2024 Earnings Call Transcript');
    const plain = parseTranscript(text, SEED_000);
    expect(plain.title).toBe('Asana Q1 FY2024 Earnings Call Transcript');
    expect(plain.turns).toHaveLength(51);
    expect(original[plain.turns[2].paragraphs[0].line - 1]).toBe(20);
  });
});
