import { describe, expect, it } from 'vitest';
import { callTitle, extractCallFacts } from '../../../ingest/formats/call-meta.ts';
import type { ParsedTranscript } from '../../../ingest/types.ts';

const call = (intro: string, title?: string): ParsedTranscript => ({
  format: 'earnings',
  title,
  turns: [{ speaker: 'Operator', paragraphs: [{ line: 2, text: intro }] }],
});
const facts = (intro: string) => {
  const { company, fiscalQuarter, fiscalYear } = extractCallFacts(call(intro));
  return { company, fiscalQuarter, fiscalYear };
};

describe('extractCallFacts', () => {
  it("reads the seeds' operator introductions", () => {
    expect(facts("Good afternoon, and thank you for joining the Asana First Quarter Fiscal Year '24 Earnings Call. My name is Kate.")).toEqual({ company: 'Asana', fiscalQuarter: 1, fiscalYear: 2024 });
    expect(facts("Good afternoon, and thank you for attending today's Asana Fourth Quarter and Fiscal Year 2023 Earnings Call.")).toEqual({ company: 'Asana', fiscalQuarter: 4, fiscalYear: 2023 });
  });

  it('reads other common forms', () => {
    expect(facts('Welcome to the Contoso Q3 2024 earnings call.')).toEqual({ company: 'Contoso', fiscalQuarter: 3, fiscalYear: 2024 });
    expect(facts("Thanks for joining us to discuss Fabrikam's third quarter fiscal 2025 results.")).toEqual({ company: 'Fabrikam', fiscalQuarter: 3, fiscalYear: 2025 });
    expect(facts('This call covers results for fiscal year \'24.')).toEqual({ company: undefined, fiscalQuarter: undefined, fiscalYear: 2024 });
    expect(facts('Welcome to the Northwind 2Q24 earnings webcast.')).toMatchObject({ fiscalQuarter: 2, fiscalYear: 2024 });
  });

  it('finds nothing in a meeting', () => {
    expect(facts('Morning all, quick stand-up today.')).toEqual({ company: undefined, fiscalQuarter: undefined, fiscalYear: undefined });
  });
});

describe('callTitle', () => {
  it('prefers the parsed title, then builds one, then falls back to the file name', () => {
    const intro = "Thank you for joining the Asana First Quarter Fiscal Year '24 Earnings Call.";
    expect(callTitle(call(intro, 'My Title'), extractCallFacts(call(intro)), 'a/b.txt')).toBe('My Title');
    expect(callTitle(call(intro), extractCallFacts(call(intro)), 'a/b.txt')).toBe('Asana Q1 FY2024 Earnings Call');
    const meeting = call('Morning all.');
    expect(callTitle(meeting, extractCallFacts(meeting), 'team/standup-0301.txt')).toBe('standup-0301');
  });
});
