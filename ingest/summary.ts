import type { IngestSummary } from './pipeline.ts';

/** Per-phase wall-clock seconds, one line each (`--timings`). */
export function formatTimings(s: IngestSummary): string {
  const rows = Object.entries(s.timings).map(([phase, seconds]) => `  ${phase.padEnd(32)} ${seconds.toFixed(2).padStart(8)} s`);
  return `Timings (wall clock):\n${rows.join('\n')}\n  ${'total'.padEnd(32)} ${s.seconds.toFixed(2).padStart(8)} s\n`;
}

const LISTED = 10;

export function formatSummary(s: IngestSummary): string {
  const out = [
    `${s.added} added, ${s.updated} updated, ${s.removed} removed, ${s.reused} unchanged` +
      `${s.kept > 0 ? `, ${s.kept} other call(s) kept` : ''} (${s.files} file(s) given${s.skipped.length ? `, ${s.skipped.length} skipped` : ''}): ` +
      `${s.turns} turns, ${s.chunks} chunks in the index, ${s.embedded} embedded, in ${s.seconds.toFixed(2)} s`,
  ];
  if (s.removedIds.length > 0) {
    const more = s.removedIds.length > LISTED ? ` and ${s.removedIds.length - LISTED} more` : '';
    out.push(`Removed: ${s.removedIds.slice(0, LISTED).join(', ')}${more}`);
  }
  if (s.manifest && !s.changed) out.push(`Index: ${s.indexDir} unchanged (nothing new to write).`);
  else if (s.manifest) out.push(`Index: ${s.indexDir} (embedder ${s.manifest.embedder.id}, ${s.manifest.embedder.dimensions} dims)`);
  else out.push(`Nothing indexed: ${s.indexDir} was left as it was.`);
  for (const skip of s.skipped) out.push(`Skipped ${skip.message}`);
  return `${out.join('\n')}\n`;
}
