import type { IngestSummary } from './pipeline.ts';

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
