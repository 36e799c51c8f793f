import { getJson } from '../api.ts';
import type { LinesPage, TranscriptLine } from '../types.ts';

// Whole calls, fetched page by page (the API serves at most 2,000 lines per request) and kept
// for the session: the panel shows the turns around a passage and re-opens instantly.
const cache = new Map<string, Promise<TranscriptLine[]>>();
const titles = new Map<string, string>();
// Signatures of shared source links (?s=…): they open their one call without an access key.
const signatures = new Map<string, string>();

export const setLinkSignature = (callId: string, signature: string): void => void signatures.set(callId, signature);
export const hasLinkSignature = (callId: string): boolean => signatures.has(callId);
/** The call's title as its transcript named it (known even when the call list needs a key). */
export const transcriptTitle = (callId: string): string | undefined => titles.get(callId);

export function loadTranscript(callId: string): Promise<TranscriptLine[]> {
  let lines = cache.get(callId);
  if (!lines) {
    lines = fetchAll(callId);
    cache.set(callId, lines);
    // A failure (network, missing key) must not stick: the next open retries.
    lines.catch(() => cache.delete(callId));
  }
  return lines;
}

async function fetchAll(callId: string): Promise<TranscriptLine[]> {
  const all: TranscriptLine[] = [];
  let from: number | undefined = 1;
  while (from !== undefined) {
    const signature = signatures.get(callId);
    const query = `from=${from}${signature ? `&s=${encodeURIComponent(signature)}` : ''}`;
    const page: LinesPage = await getJson<LinesPage>(`/v1/calls/${encodeURIComponent(callId)}/lines?${query}`);
    if (page.title) titles.set(callId, page.title);
    all.push(...page.lines);
    from = page.nextFrom;
  }
  return all;
}

/** Speaker names in these calls, by how often they speak (most first). */
export async function speakersOf(callIds: string[]): Promise<string[]> {
  const counts = new Map<string, number>();
  const transcripts = await Promise.all(callIds.map((id) => loadTranscript(id).catch(() => [] as TranscriptLine[])));
  for (const lines of transcripts) for (const { speaker } of lines) if (speaker) counts.set(speaker, (counts.get(speaker) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}

export const clearTranscripts = (): void => cache.clear();
