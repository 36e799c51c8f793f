import type { CallMeta, Chunk } from '../../../ingest/types.ts';
import { describeCall } from '../understanding/describe-call.ts';

/** What the answerer may know about a call beyond its title. */
export type CallInfo = Pick<CallMeta, 'id' | 'title' | 'company' | 'fiscalQuarter' | 'fiscalYear' | 'fiscal'>;

/** "Asana Q1 FY2024 call": from call metadata when given, else from the call's title. */
export function callLabel(callId: string, callTitle: string, calls?: ReadonlyMap<string, CallInfo>): string {
  const meta = calls?.get(callId);
  if (meta && (meta.fiscalQuarter || meta.fiscalYear)) return describeCall(meta);
  const title = (meta?.title ?? callTitle).replace(/\s*\b(?:earnings|conference|investor)?\s*call\s*$/i, '').trim();
  return title ? `${title} call` : callTitle;
}

const CHIEF = /\bchief\s+(\p{L})\p{L}*\s+officer\b/iu;
const ACRONYM = /\b(?:CEO|CFO|COO|CTO|CRO|CMO|CPO|CIO|CAO|CCO|CSO|CHRO)\b/;

/** A short form of a title: "Co-Founder, President, CEO & Chair" → "CEO". */
export function shortTitle(title: string | undefined): string | undefined {
  if (!title) return undefined;
  const acronym = ACRONYM.exec(title);
  if (acronym) return acronym[0];
  const chief = CHIEF.exec(title);
  if (chief) return `C${chief[1].toUpperCase()}O`;
  const first = title.split(/\s*[,;&]\s*|\s+and\s+/)[0].trim();
  return first.length <= 40 ? first : `${first.slice(0, 39)}…`;
}

/**
 * Who said it, for a line of the answer: `Tim M. Wan (CFO, Asana Q1 FY2024 call)` for company
 * speakers, `Robert Edward Simmons (D.A. Davidson, analyst)` for analysts (plus the call when the
 * answer spans several calls).
 */
export function speakerLabel(chunk: Pick<Chunk, 'speaker' | 'title' | 'role' | 'firm'>, call: string, manyCalls: boolean): string {
  if (chunk.role === 'analyst') {
    const parts = [chunk.firm, 'analyst', manyCalls ? call : undefined].filter(Boolean);
    return `${chunk.speaker} (${parts.join(', ')})`;
  }
  const parts = [shortTitle(chunk.title), call].filter(Boolean);
  return `${chunk.speaker} (${parts.join(', ')})`;
}
