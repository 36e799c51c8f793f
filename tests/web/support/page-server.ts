import type { OpenIndex } from '../../../ingest/index-store/types.ts';
import type { App } from '../../../server/app.ts';
import { ensureWebBuilt } from '../../../server/web/build.ts';
import { makeApp } from '../../server/support/test-app.ts';

export interface PageServer {
  app: App;
  origin: string;
  /** POST /v1/ask as JSON, for comparing the page with the API. */
  askJson(body: object): Promise<AskJson>;
  lineNumbers(callId: string, from: number, to: number): Promise<number[]>;
}

export interface AskJson {
  answer: string;
  answered: boolean;
  mode: string;
  citations: { n: number; callId: string; callTitle: string; startLine: number; endLine: number; quote: string }[];
  seeAlso: { n: number; callId: string; startLine: number; endLine: number }[];
  understood: { labels: string[] };
}

/** The real app on the seed index (or `index`), configured by `env`, listening on loopback, with the page built first when stale. */
export async function startPageServer(env: Record<string, string> = {}, index?: OpenIndex): Promise<PageServer> {
  await ensureWebBuilt();
  const app = await makeApp(env, index);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    app,
    origin,
    async askJson(body) {
      const response = await fetch(`${origin}/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`POST /v1/ask answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as AskJson;
    },
    async lineNumbers(callId, from, to) {
      const response = await fetch(`${origin}/v1/calls/${callId}/lines?from=${from}&to=${to}`);
      const { lines } = (await response.json()) as { lines: { n: number }[] };
      return lines.map((l) => l.n);
    },
  };
}
