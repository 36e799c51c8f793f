// Reporting periods get one canonical spelling each, so a question and a transcript meet
// however either writes them: Q1 / 1Q / first quarter / first-quarter → `q1`;
// fiscal 2024 / fiscal year '24 / FY24 / FY 2024 → `fy2024` (plus the bare year `2024`, so a
// question that says just "2024" still matches). Two-digit years are taken as 20xx.

import { wordTable } from './word-table.ts';

export const ORDINAL_QUARTERS = wordTable({
  first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4,
});

const QUARTER_RE = /^(?:q([1-4])|([1-4])q)(?:'?(?:fy)?'?(\d{2}|\d{4}))?$/;
const FY_RE = /^fy'?(\d{2}|\d{4})$/;

/** `"24"` → `"2024"`, `"2024"` → `"2024"`; anything that is not a plausible year → undefined. */
export function fullYear(digits: string): string | undefined {
  if (/^\d{2}$/.test(digits)) return `20${digits}`;
  if (/^(19|20)\d{2}$/.test(digits)) return digits;
  return undefined;
}

/** Terms for a single word that names a period on its own ("q1", "1q24", "fy24"), else undefined. */
export function periodTerms(word: string): string[] | undefined {
  const q = QUARTER_RE.exec(word);
  if (q) {
    const terms = [`q${q[1] ?? q[2]}`];
    const year = q[3] !== undefined ? fullYear(q[3]) : undefined;
    if (year) terms.push(`fy${year}`, year);
    return terms;
  }
  const fy = FY_RE.exec(word);
  if (fy) {
    const year = fullYear(fy[1]);
    return year ? [`fy${year}`, year] : undefined;
  }
  return undefined;
}
