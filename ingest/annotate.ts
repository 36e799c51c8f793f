// Parsed transcript → annotated Transcript: turn ids and line spans, roles, sections, firms,
// question links and call-level facts. Pure: plain data in, plain data out.
//
// startLine/endLine span the turn's paragraphs (not its header line), because citations point
// at the English paragraphs; the header stays available as `headerLine`.
import type { CallMeta, ParsedTranscript, Transcript, Turn } from './types.ts';
import { callTitle, extractCallFacts } from './formats/call-meta/call-meta.ts';
import { assignRoles } from './formats/call-meta/call-roles.ts';

export function annotateTranscript(parsed: ParsedTranscript, source: { id: string; file: string; sha256: string }): Transcript {
  const roles = assignRoles(parsed.turns);
  const facts = extractCallFacts(parsed);
  const id = (index: number) => `${source.id}:t${index}`;

  const turns = parsed.turns.map((raw, index): Turn => {
    const { role, section, firm, answersIndex } = roles[index];
    const first = raw.paragraphs[0]?.line ?? raw.headerLine ?? 0;
    const last = raw.paragraphs[raw.paragraphs.length - 1]?.line ?? first;
    return {
      ...raw,
      id: id(index),
      index,
      role,
      section,
      ...(firm !== undefined && { firm }),
      ...(answersIndex !== undefined && { answersTurnId: id(answersIndex) }),
      startLine: first,
      endLine: last,
    };
  });

  const call: CallMeta = {
    id: source.id,
    file: source.file,
    sha256: source.sha256,
    format: parsed.format,
    title: callTitle(parsed, facts, source.file),
    ...(facts.company !== undefined && { company: facts.company }),
    companyAliases: facts.companyAliases,
    ...(facts.ticker !== undefined && { ticker: facts.ticker }),
    ...(facts.companyKey !== undefined && { companyKey: facts.companyKey }),
    ...(facts.fiscalQuarter !== undefined && { fiscalQuarter: facts.fiscalQuarter }),
    ...(facts.fiscalYear !== undefined && { fiscalYear: facts.fiscalYear }),
    fiscal: facts.fiscal,
    ...(facts.periodSource !== undefined && { periodSource: facts.periodSource }),
    ...(facts.callDate !== undefined && { callDate: facts.callDate }),
  };
  return { call, turns };
}
