// The question's analysed terms that the lexical lists search: without the words that only frame it.
import { analyze } from '../../../ingest/text/analyze.ts';
import { SPEECH_WORDS } from '../answers/framing-words.ts';
import type { Understood } from '../understanding/understand-query.ts';
import { periodMentions } from '../understanding/period-mentions.ts';

// "How much revenue did Acme report": the reporting verb too (a quarter's "Report" of an analyst
// firm otherwise outranks its revenue; real dev MRR@10 0.700 → 0.710, silver 0.918 → 0.921). The
// confidence check keeps it: there, dropping it let an unanswerable question through.
// "What did management say about …", "Which companies talked about …": "say" and "company" frame a
// library-wide question and are in one chunk of seven, so they were the longest lists its search
// read (ten such bench questions: lexical search 1.49 → 0.72 ms in all). Left out: real meetings
// recall@5 0.926 → 0.927, library MRR@10 of person questions 0.813 → 0.833 and of fact questions
// 0.741 → 0.738 (all answerable 0.704 either way), seeds holdout nDCG@10 0.935 → 0.937; hit@5,
// answers, abstentions, silver and seeds dev unchanged.
const SPEECH = new Set(analyze(`${SPEECH_WORDS} report reported reports say said says company companies`));
const YEAR_TERM = /^(?:fy)?(?:19|20)\d\d$|^fiscal$/;

export function subjectTerms(terms: string[], understood: Pick<Understood, 'scoped' | 'periods'>, query: string): string[] {
  // "What did the group say about …", "Summarize the discussion of …": the verbs that report
  // speech match every turn of a conversation ("I think…") and name no subject, so the lists
  // search the question's other words (real meetings recall@5 0.920 → 0.926, MRR 0.760 → 0.765;
  // library questions and silver bullets unchanged). See framing-words.ts.
  const subject = terms.filter((t) => !SPEECH.has(t));
  let searchTerms = subject.length ? subject : terms;
  // A quarter's call found by its quarter and year ("Q4 of fiscal 2023"): inside it the year's
  // words only named the call, and they pull toward the full year's figures ("fiscal 2023 revenue
  // grew 45%") rather than the quarter's; the quarter's word stays. Real dev answers 42 → 43 of 52,
  // seeds holdout MRR 0.944 → 0.963.
  if (understood.scoped && !understood.periods && periodMentions(query).some((m) => m.quarter !== undefined && m.year !== undefined)) {
    const kept = searchTerms.filter((t) => !YEAR_TERM.test(t));
    if (kept.length) searchTerms = kept;
  }
  return searchTerms;
}
