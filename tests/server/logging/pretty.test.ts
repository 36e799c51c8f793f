import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../../server/logging/pretty.ts';
import { startMain, stop, whenReady } from '../start/start-process.ts';
import { buildSeedIndex } from '../../support/seed-index.ts';

const time = new Date(2026, 0, 2, 9, 5, 7).getTime();

describe('pretty log lines', () => {
  it('shows time, level, message, request and extra fields on one line', () => {
    const line = JSON.stringify({ level: 30, time, pid: 1, hostname: 'h', reqId: 'r1', req: { method: 'POST', url: '/v1/ask' }, res: { statusCode: 200 }, responseTime: 12.4, msg: 'request completed' });
    expect(formatLogLine(line, { colour: false })).toBe('09:05:07 INFO  request completed POST /v1/ask → 200 12 ms (r1)');
    expect(formatLogLine(JSON.stringify({ level: 40, time, msg: 'slow', file: 'a b.txt', n: 3 }), { colour: false })).toBe('09:05:07 WARN  slow file="a b.txt" n=3');
  });

  it('colours only when asked, and indents an error stack', () => {
    const line = JSON.stringify({ level: 50, time, msg: 'boom', err: { message: 'boom', stack: 'Error: boom\n    at x' } });
    expect(formatLogLine(line, { colour: false })).toBe('09:05:07 ERROR boom\n    Error: boom\n        at x');
    expect(formatLogLine(line, { colour: true })).toContain('\x1b[31mERROR\x1b[0m');
  });

  it('npm start with LOG_FORMAT=pretty writes readable, colourless lines into a pipe; auto writes JSON there', async () => {
    const indexDir = await buildSeedIndex();
    const pretty = startMain({ INDEX_DIR: indexDir, LOG_FORMAT: 'pretty' });
    const auto = startMain({ INDEX_DIR: indexDir });
    try {
      await whenReady(auto);
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (/INFO  ready/.test(pretty.output())) resolve(clearInterval(timer));
          else if (pretty.child.exitCode !== null) reject(new Error(pretty.output()));
        }, 50);
      });
      expect(pretty.output()).toMatch(/^\d\d:\d\d:\d\d INFO  serving http:\/\/127\.0\.0\.1:\d+ — offline answers/m);
      expect(pretty.output()).not.toContain('\x1b[');
      expect(pretty.output()).not.toContain('{"level"');
      expect(auto.output().split('\n').filter(Boolean).every((l) => l.startsWith('{"level"'))).toBe(true);
    } finally {
      await Promise.all([stop(pretty), stop(auto)]);
    }
  }, 60_000);
});
