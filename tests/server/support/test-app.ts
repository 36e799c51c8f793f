import { LocalEmbedder } from '../../../ingest/embedders/local.ts';
import { openIndex } from '../../../ingest/index-store/read.ts';
import type { OpenIndex } from '../../../ingest/index-store/types.ts';
import { buildApp, type App } from '../../../server/app.ts';
import { loadServerConfig } from '../../../server/config.ts';
import { buildSeedIndex } from '../../support/seed-index.ts';

let seed: Promise<OpenIndex> | undefined;

/** An index folder opened the way main.ts opens it (checked against the local embedder). */
export const openTestIndex = (dir: string): Promise<OpenIndex> => openIndex(dir, { expectEmbedderId: new LocalEmbedder().id });

/** The seeds/ index, opened once per test process. */
export function seedIndex(): Promise<OpenIndex> {
  seed ??= buildSeedIndex().then(openTestIndex);
  return seed;
}

/** The real app over the seed index; `env` overrides the environment it is configured from. */
export async function makeApp(env: Record<string, string> = {}, index?: OpenIndex): Promise<App> {
  const config = loadServerConfig({ LOG_LEVEL: 'silent', ...env });
  return buildApp(config, { index: index ?? (await seedIndex()), embedder: new LocalEmbedder() });
}

/** makeApp listening on a loopback port, for tests that talk to it over real HTTP. */
export async function listenApp(env: Record<string, string> = {}, index?: OpenIndex): Promise<{ app: App; url: string }> {
  const app = await makeApp(env, index);
  return { app, url: await app.listen({ host: '127.0.0.1', port: 0 }) };
}
