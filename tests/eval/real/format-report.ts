import type { Passage } from './metrics.ts';
import type { SetReport } from './evaluate-real.ts';

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
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  const lines = [
    `${report.name} — ${report.source}${opts.seconds === undefined ? '' : ` (${opts.seconds.toFixed(1)} s)`}`,
    ...table.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')),
  ];
  if (opts.showMisses) {
    const misses = report.outcomes.filter((o) => o.kind !== 'unanswerable' && (o.rank === undefined || o.rank > 5));
    lines.push(`misses (no hit in the system's top 5): ${misses.length}`);
    for (const o of misses) {
      const base = o.baselineRank === undefined ? 'baseline miss' : `baseline rank ${o.baselineRank}`;
      lines.push(`  ${o.id}${o.kind ? ` [${o.kind}]` : ''} rank ${o.rank ?? '-'} (${base}); top 3: ${o.top.map(passage).join(', ') || '(none)'}`);
    }
  }
  return lines.join('\n');
}
