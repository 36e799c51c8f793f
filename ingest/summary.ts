import type { IngestSummary } from './pipeline.ts';

/** Per-phase wall-clock seconds, one line each (`--timings`). */
export function formatTimings(s: IngestSummary): string {
  const rows = Object.entries(s.timings).map(([phase, seconds]) => `  ${phase.padEnd(32)} ${seconds.toFixed(2).padStart(8)} s`);
  return `Timings (wall clock):\n${rows.join('\n')}\n  ${'total'.padEnd(32)} ${s.seconds.toFixed(2).padStart(8)} s\n`;
}

export function formatSummary(s: IngestSummary): string {
  const out = [
    `Indexed ${s.files - s.skipped.length}/${s.files} files (${s.parsed} parsed, ${s.reused} unchanged, ${s.removed} removed): ` +
      `${s.turns} turns, ${s.chunks} chunks, ${s.embedded} embedded, in ${s.seconds.toFixed(2)} s`,
  ];
  if (s.manifest) out.push(`Index: ${s.indexDir} (embedder ${s.manifest.embedder.id}, ${s.manifest.embedder.dimensions} dims)`);
  else out.push(`Nothing indexed: ${s.indexDir} was left as it was.`);
  for (const skip of s.skipped) out.push(`Skipped ${skip.message}`);
  return `${out.join('\n')}\n`;
}
