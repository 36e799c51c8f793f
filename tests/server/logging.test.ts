import { LocalEmbedder } from '../../ingest/embedders/local.ts';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadServerConfig } from '../../server/config.ts';
import { loggerOptions } from '../../server/plugins/logger.ts';
import { seedIndex } from './support/test-app.ts';

describe('request logging', () => {
  it('tags log lines with the request id and redacts credentials', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).trim().split('\n'));
        done();
      },
    });
    const logger = pino(loggerOptions('info'), sink);
    const app = await buildApp(loadServerConfig({ API_KEYS: 'top-secret' }), { index: await seedIndex(), embedder: new LocalEmbedder(), logger });
    app.get('/probe/log-request', async (request) => {
      // A careless log call with the whole headers object must still not leak the key.
      request.log.info({ headers: request.headers }, 'headers seen');
      return { ok: true };
    });
    await app.inject({ url: '/probe/log-request', headers: { authorization: 'Bearer top-secret', 'x-request-id': 'trace-7' } });
    await app.inject({ url: '/v1/calls', headers: { authorization: 'Bearer wrong-secret', 'x-request-id': 'trace-8' } });
    await app.close();

    const records = lines.map((l) => JSON.parse(l));
    expect(records.some((r) => r.reqId === 'trace-7' && r.msg === 'headers seen')).toBe(true);
    expect(records.find((r) => r.msg === 'headers seen').headers.authorization).toBe('[redacted]');
    expect(records.some((r) => r.reqId === 'trace-8' && r.code === 'unauthorized:api')).toBe(true);
    expect(lines.join('\n')).not.toMatch(/top-secret|wrong-secret/);
  });
});
