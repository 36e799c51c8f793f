/** A transcript passage as the page's URLs name it: `/calls/:id#L194-L204` (or `#L194`). */
export interface Passage {
  callId: string;
  startLine?: number;
  endLine?: number;
}

const CALL_PATH = /^\/calls\/([^/]+)\/?$/;
const LINES = /^#L(\d+)(?:-L?(\d+))?$/;

export function parsePassageUrl(pathname: string, hash: string): Passage | undefined {
  const call = CALL_PATH.exec(pathname);
  if (!call) return undefined;
  let callId: string;
  try {
    callId = decodeURIComponent(call[1]);
  } catch {
    return undefined;
  }
  const lines = LINES.exec(hash);
  if (!lines) return { callId };
  const a = Number(lines[1]);
  const b = lines[2] ? Number(lines[2]) : a;
  if (a < 1 || b < 1) return { callId };
  return { callId, startLine: Math.min(a, b), endLine: Math.max(a, b) };
}

export function passageUrl({ callId, startLine, endLine }: Passage): string {
  const path = `/calls/${encodeURIComponent(callId)}`;
  if (startLine === undefined) return path;
  return endLine === undefined || endLine === startLine ? `${path}#L${startLine}` : `${path}#L${startLine}-L${endLine}`;
}
