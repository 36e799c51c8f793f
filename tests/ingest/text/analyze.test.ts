import { describe, it, expect } from 'vitest';
import { analyze } from '../../../ingest/text/analyze.ts';

const shares = (a: string, b: string): string[] => {
  const right = new Set(analyze(b));
  return [...new Set(analyze(a))].filter((t) => right.has(t));
};

describe('analyze', () => {
  it('lower-cases, stems and drops stop words', () => {
    expect(analyze('The Companies were Growing their Revenues')).toEqual(['compani', 'grow', 'revenu']);
  });

  it('reads words that name members of a JavaScript object as plain words', () => {
    expect(analyze('The constructor of the toString valueOf plant')).toEqual(['constructor', 'tostr', 'valueof', 'plant']);
    expect(analyze('first constructor quarter')).toEqual(['first', 'constructor', 'quarter']);
    expect(analyze('5 constructor')).toEqual(['5', 'constructor']);
    expect(analyze('5 hasOwnProperty')).toEqual(['5', 'hasownproperti']);
  });

  it('maps irregular past forms to their base before stemming', () => {
    expect(analyze('what drove growth')).toEqual(analyze('what drives growth'));
    expect(analyze('revenue grew, costs fell, we spent less')).toEqual(['revenu', 'grow', 'cost', 'fall', 'spend', 'less']);
  });

  it('keeps ALL-CAPS words whose lower case is a stop word', () => {
    expect(analyze('US and IT revenue')).toEqual(['us', 'it', 'revenu']);
    expect(analyze('grew in the U.S. market')).toEqual(['grow', 'us', 'market']);
    expect(analyze('give us a call')).toEqual(['give', 'call']);
  });

  it('keeps decimals and adds the magnitude and the scaled value', () => {
    expect(analyze('$523.5 million')).toEqual(['523.5', '523500000', 'million']);
    expect(analyze('$1 million')).toEqual(['1', '1000000', 'million']);
    expect(analyze('$1.5B')).toEqual(['1.5', 'billion', '1500000000']);
  });

  it('meets the document form from a bare number query', () => {
    expect(shares('cash of $523.5 million', '523.5')).toEqual(['523.5']);
    expect(shares('$0.5 billion', '$500 million')).toContain('500000000');
  });

  it('removes thousands separators and trailing zeros', () => {
    expect(analyze('139,000 customers')).toEqual(['139000', 'custom']);
    expect(shares('139,000', '139000')).toEqual(['139000']);
    expect(analyze('$1.50')).toEqual(['1.5']);
  });

  it('marks percentages the same way for the sign and the word', () => {
    expect(analyze('22.3%')).toEqual(['22.3', 'pct']);
    expect(analyze('22.3 percent')).toEqual(['22.3', 'pct']);
    expect(analyze('as a percentage of revenue')).toEqual(['pct', 'revenu']);
  });

  it('normalises quarters however they are written', () => {
    for (const q of ['Q1', '1Q', 'first quarter', 'first-quarter', '1st quarter']) expect(analyze(q)).toEqual(['q1']);
    expect(analyze('1Q24')).toEqual(['q1', 'fy2024', '2024']);
    expect(analyze("Q4'23")).toEqual(['q4', 'fy2023', '2023']);
  });

  it('normalises fiscal years however they are written', () => {
    for (const fy of ['FY24', 'FY2024', 'FY 2024']) expect(analyze(fy)).toEqual(['fy2024', '2024']);
    // Spelled out, the words stay as well, so "the full fiscal year 2023" meets "fiscal year revenue".
    expect(analyze('fiscal 2024')).toEqual(['fiscal', 'fy2024', '2024']);
    for (const fy of ['fiscal year 2024', "fiscal year '24"]) expect(analyze(fy)).toEqual(['fiscal', 'year', 'fy2024', '2024']);
    expect(analyze('fiscal discipline')).toEqual(['fiscal', 'disciplin']);
  });

  it('lets a quarter-and-year question meet its spelled-out form', () => {
    expect(shares('Q2 fiscal 2024', 'second quarter of fiscal year 2024')).toEqual(['q2', 'fiscal', 'fy2024', '2024']);
  });

  it('keeps hyphenated compounds whole and in parts', () => {
    expect(analyze('7-figure deals')).toEqual(['7figur', '7', 'figur', 'deal']);
    expect(shares('seven-figure', 'seven figure')).toEqual(['seven', 'figur']);
  });

  it('indexes ampersand abbreviations and their spelled-out forms alike', () => {
    expect(analyze('R&D')).toEqual(['r&d']);
    expect(analyze('research and development')).toEqual(['r&d', 'research', 'develop']);
    expect(shares('free cash flow', 'FCF')).toEqual(['fcf']);
  });

  it('drops possessives and contractions', () => {
    expect(analyze("the company's CEO’s view, we're sure")).toEqual(['compani', 'ceo', 'view', 'sure']);
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(analyze('')).toEqual([]);
    expect(analyze(' -- ... !!')).toEqual([]);
  });

  it('is deterministic', () => {
    const text = 'Operating loss was $22.3 million, or 15% of revenue, in Q1 fiscal 2024.';
    expect(analyze(text)).toEqual(analyze(text));
    expect(analyze(text)).toEqual(['oper', 'loss', '22.3', '22300000', 'million', '15', 'pct', 'revenu', 'q1', 'fiscal', 'fy2024', '2024']);
  });
});
