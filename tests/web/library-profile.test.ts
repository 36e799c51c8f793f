import { describe, expect, it } from 'vitest';
import { cueRange } from '../../server/web/src/answers/citation-format.ts';
import { libraryProfile } from '../../server/web/src/settings/examples.ts';
import type { CallSummary } from '../../server/web/src/types.ts';

const call = (over: Partial<CallSummary>): CallSummary => ({ id: 'x', file: 'x.txt', title: 'Untitled', turns: 10, chunks: 5, ...over });

describe('example questions drawn from the library', () => {
  it('an earnings library: its company and latest quarter, and the role filter', () => {
    const profile = libraryProfile([
      call({ title: 'Quartzwell Q1 2024', company: 'Quartzwell Corporation', companyAliases: ['Quartzwell'], fiscalQuarter: 1, fiscalYear: 2024 }),
      call({ title: 'Quartzwell Q3 2024', company: 'Quartzwell Corporation', companyAliases: ['Quartzwell'], fiscalQuarter: 3, fiscalYear: 2024 }),
    ]);
    expect(profile).toEqual({
      earnings: true,
      examples: ['What revenue did Quartzwell report for Q3 2024?', 'What guidance did Quartzwell give on its Q3 2024 call?', 'What did analysts ask Quartzwell about margins?'],
    });
  });

  it('meetings only: questions naming their titles, no role filter', () => {
    const profile = libraryProfile([call({ title: 'Weekly design sync' }), call({ title: 'Renewal call with Brightline' })]);
    expect(profile.earnings).toBe(false);
    expect(profile.examples).toEqual([
      'What was decided in “Weekly design sync”?',
      'What are the next steps from “Renewal call with Brightline”?',
      'What concerns were raised in “Weekly design sync”?',
    ]);
  });

  it('a mixed library gets both kinds; an empty one none', () => {
    const mixed = libraryProfile([call({ title: 'Stand-up' }), call({ company: 'Acme, Inc.', ticker: 'ACME', fiscalQuarter: 2, fiscalYear: 2023, fiscal: true })]);
    expect(mixed.earnings).toBe(true);
    expect(mixed.examples).toEqual(['What revenue did Acme, Inc. report for Q2 fiscal 2023?', 'What guidance did Acme, Inc. give on its Q2 fiscal 2023 call?', 'What was decided in “Stand-up”?']);
    expect(libraryProfile([])).toEqual({ earnings: false, examples: [] });
  });
});

describe('cue times', () => {
  it('shows a caption passage’s start and end, and nothing for other transcripts', () => {
    expect(cueRange({ startTime: 6.51, endTime: 10.02 })).toBe('0:06–0:10');
    expect(cueRange({ startTime: 3725, endTime: 3725.4 })).toBe('1:02:05');
    expect(cueRange({})).toBeUndefined();
  });
});
