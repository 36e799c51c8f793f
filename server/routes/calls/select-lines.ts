import type { TranscriptLine } from '../../../ingest/index-store/types.ts';

/** Lines with `from <= n <= to` (lines ascend by n), and the n of the first line after the range. */
export function selectLines(lines: TranscriptLine[], from: number, to: number): { lines: TranscriptLine[]; nextFrom?: number } {
  const start = firstAtLeast(lines, from);
  const end = firstAtLeast(lines, to + 1);
  return { lines: lines.slice(start, end), nextFrom: lines[end]?.n };
}

// Binary search: calls can run to thousands of lines and this sits on a request path.
function firstAtLeast(lines: TranscriptLine[], n: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid].n < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
