import type { CallSummary } from '../types.ts';

// Example questions and filters fit the library being served: a library of meetings gets no
// questions about analysts and guidance, and no Management/Analysts filter it could not use.

export interface LibraryProfile {
  /** Some calls are earnings calls, whose speakers are management and analysts. */
  earnings: boolean;
  examples: string[];
}

const isEarnings = (c: CallSummary) => c.fiscalQuarter !== undefined || c.ticker !== undefined;

const shortName = (c: CallSummary) => c.companyAliases?.[0] ?? c.company;

function earningsExamples(calls: CallSummary[]): string[] {
  const latest = [...calls].sort((a, b) => (b.fiscalYear ?? 0) * 10 + (b.fiscalQuarter ?? 0) - ((a.fiscalYear ?? 0) * 10 + (a.fiscalQuarter ?? 0)))[0];
  const company = shortName(latest);
  const period = latest.fiscalQuarter && latest.fiscalYear ? `Q${latest.fiscalQuarter} ${latest.fiscal ? 'fiscal ' : ''}${latest.fiscalYear}` : undefined;
  const who = company ?? 'the company';
  return [
    period ? `What revenue did ${who} report for ${period}?` : `What revenue did ${who} report?`,
    `What guidance did ${who} give${period ? ` on its ${period} call` : ''}?`,
    `What did analysts ask ${company ? `${company} ` : ''}about margins?`,
  ];
}

function conversationExamples(calls: CallSummary[]): string[] {
  const [first, second = first] = calls;
  return [`What was decided in “${first.title}”?`, `What are the next steps from “${second.title}”?`, `What concerns were raised in “${first.title}”?`];
}

export function libraryProfile(calls: CallSummary[]): LibraryProfile {
  const earnings = calls.filter(isEarnings);
  const others = calls.filter((c) => !isEarnings(c));
  if (calls.length === 0) return { earnings: false, examples: [] };
  if (others.length === 0) return { earnings: true, examples: earningsExamples(earnings) };
  if (earnings.length === 0) return { earnings: false, examples: conversationExamples(others) };
  return { earnings: true, examples: [...earningsExamples(earnings).slice(0, 2), conversationExamples(others)[0]] };
}
