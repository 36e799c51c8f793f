import { pino, type DestinationStream } from 'pino';
import { prettyDestination } from './pretty.ts';

export type LogFormat = 'auto' | 'pretty' | 'json';

/** Pretty on a terminal, JSON lines when piped to a file or a collector (or as LOG_FORMAT says). */
export function logDestination(format: LogFormat, out: NodeJS.WriteStream, env: Record<string, string | undefined>): DestinationStream {
  const pretty = format === 'pretty' || (format === 'auto' && out.isTTY === true);
  // NO_COLOR (https://no-color.org) and a non-terminal both mean plain text.
  if (pretty) return prettyDestination(out, out.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb');
  // Synchronous: a fatal start-up line must reach the pipe before process.exit.
  return pino.destination({ dest: (out as { fd?: number }).fd ?? 1, sync: true });
}
