// Pino's JSON lines, rewritten for a person at a terminal: time, level, message, then the other
// fields as key=value. Written here instead of adding pino-pretty: twenty lines do what the page
// needs and the install stays as it is. Colour only when asked (a TTY without NO_COLOR).

const LEVELS: Record<number, { name: string; colour: string }> = {
  10: { name: 'TRACE', colour: '90' },
  20: { name: 'DEBUG', colour: '90' },
  30: { name: 'INFO ', colour: '32' },
  40: { name: 'WARN ', colour: '33' },
  50: { name: 'ERROR', colour: '31' },
  60: { name: 'FATAL', colour: '35' },
};

// Fields every line has or that the layout already shows.
const SHOWN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'req', 'res', 'responseTime', 'err', 'reqId']);

const paint = (on: boolean, code: string, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

function clock(time: unknown): string {
  const d = typeof time === 'number' ? new Date(time) : new Date();
  return d.toTimeString().slice(0, 8);
}

function value(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

/** One JSON log line as one readable line (plus an indented stack for errors); other text as is. */
export function formatLogLine(line: string, opts: { colour: boolean }): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = LEVELS[entry.level as number] ?? { name: String(entry.level).padEnd(5), colour: '0' };
  const parts = [paint(opts.colour, '90', clock(entry.time)), paint(opts.colour, level.colour, level.name), String(entry.msg ?? '')];
  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  if (req?.method) parts.push(`${req.method} ${req.url ?? ''}`);
  if (res?.statusCode) parts.push(`→ ${res.statusCode}`);
  if (typeof entry.responseTime === 'number') parts.push(`${Math.round(entry.responseTime)} ms`);
  const extra = Object.entries(entry).filter(([k]) => !SHOWN.has(k));
  if (extra.length > 0) parts.push(paint(opts.colour, '90', extra.map(([k, v]) => `${k}=${value(v)}`).join(' ')));
  if (entry.reqId) parts.push(paint(opts.colour, '90', `(${String(entry.reqId)})`));
  let out = parts.join(' ');
  const err = entry.err as { message?: string; stack?: string } | undefined;
  if (err?.stack) out += `\n    ${err.stack.split('\n').join('\n    ')}`;
  else if (err?.message) out += ` — ${err.message}`;
  return out;
}

/** A pino destination that writes each line formatted to `out`. */
export function prettyDestination(out: { write(text: string): unknown }, colour: boolean): { write(line: string): void } {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line.trim() !== '') out.write(`${formatLogLine(line, { colour })}\n`);
    },
  };
}
