import type { AnswerCounts, AnswerSummary, CitedLines } from './answer-metrics.ts';
import type { Outcome, SetReport } from './evaluate-real.ts';
import type { Passage } from './metrics.ts';
import { fileStem } from './real-sets.ts';

const f3 = (n: number) => n.toFixed(3);
const passage = (p: Passage) => `${p.stem}:${p.startLine}-${p.endLine}`;

/** A set's figures as `metric  system  baseline` rows, then (optionally) its misses. */
export function formatSetReport(report: SetReport, opts: { showMisses?: boolean; seconds?: number } = {}): string {
  const table: string[][] = [['metric', 'system', 'baseline']];
  for (const r of report.rows) table.push([`${report.at5Name} ${r.label} (n=${r.system.count})`, f3(r.system.at5), f3(r.baseline.at5)]);
  for (const r of report.rows) table.push([`MRR@10 ${r.label}`, f3(r.system.mrr10), f3(r.baseline.mrr10)]);
  const nc = report.notCovered;
  if (nc) {
    table.push([`unanswerable not covered (want all)`, `${nc.unanswerable}/${nc.unanswerableCount}`, 'n/a']);
    table.push([`answerable not covered (want 0)`, `${nc.answerable}/${nc.answerableCount}`, 'n/a']);
  }
  const lines = [`${report.name} — ${report.source}${opts.seconds === undefined ? '' : ` (${opts.seconds.toFixed(1)} s)`}`, ...align(table)];
  if (report.answers) lines.push(...answerTable(report.answers));
  if (opts.showMisses) {
    const misses = report.outcomes.filter((o) => o.kind !== 'unanswerable' && (o.rank === undefined || o.rank > 5));
    lines.push(`misses (no hit in the system's top 5): ${misses.length}`);
    for (const o of misses) {
      const base = o.baselineRank === undefined ? 'baseline miss' : `baseline rank ${o.baselineRank}`;
      lines.push(`  ${o.id}${o.kind ? ` [${o.kind}]` : ''} rank ${o.rank ?? '-'} (${base}); top 3: ${o.top.map(passage).join(', ') || '(none)'}`);
    }
    if (report.answers) lines.push(...answerMisses(report.outcomes));
  }
  return lines.join('\n');
}

/** Columns padded to their widest cell: the first left-aligned, the others right-aligned. */
function align(table: string[][]): string[] {
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  return table.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
}

const pair = (system: AnswerCounts, baseline: AnswerCounts, key: keyof AnswerCounts) => `${system[key]} / ${baseline[key]}`;

/** Answer counts per kind, `system / baseline` in each cell, then the abstention checks. */
function answerTable(summary: AnswerSummary): string[] {
  const table = [['answers (system / baseline)', 'correct+cited', 'correct', 'cited', 'abstained', 'citations on gold']];
  const precision = (c: AnswerCounts) => `${c.goldCitationCount}/${c.citationCount}`;
  for (const r of summary.rows) {
    const cells = (['correctCited', 'correct', 'cited', 'abstained'] as const).map((key) => pair(r.system, r.baseline, key));
    table.push([`${r.label} (n=${r.system.count})`, ...cells, `${precision(r.system)} / ${precision(r.baseline)}`]);
  }
  const { abstentions: a, falseAbstentions: f } = summary;
  return [
    '',
    ...align(table),
    `unanswerable abstained (want all): ${a.count}/${a.of}; answerable falsely abstained (want ≤ 3): ${f.count}/${f.of} (baseline never abstains)`,
  ];
}

const cited = (c: CitedLines) => `${fileStem(c.file)}:${c.startLine === c.endLine ? c.startLine : `${c.startLine}-${c.endLine}`}`;
const clip = (text: string, max = 200) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** Answerable questions not answered correctly with a gold citation; unanswerable ones answered anyway. */
function answerMisses(outcomes: Outcome[]): string[] {
  const misses = outcomes.filter((o) => o.answer && (o.kind === 'unanswerable' ? o.answer.system.answered : !(o.answer.system.correct && o.answer.system.cited)));
  const lines = [`answer misses (answerable: not correct and cited; unanswerable: answered): ${misses.length}`];
  for (const o of misses) {
    const s = o.answer!.system;
    const verdict = !s.answered ? 'abstained' : o.kind === 'unanswerable' ? 'answered' : `${s.correct ? 'correct' : 'not correct'}, ${s.cited ? 'cited' : 'not cited'}`;
    lines.push(`  ${o.id} [${o.kind}] ${verdict}: "${clip(s.text)}"`, `    citations: ${s.citations.map(cited).join(', ') || '(none)'}`);
  }
  return lines;
}
