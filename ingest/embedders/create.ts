import type { IngestConfig } from '../config.ts';
import type { Embedder } from './embedder.ts';
import { LocalEmbedder } from './local.ts';

/**
 * The embedder the configuration asks for; the same function serves ingest and queries.
 * The OpenAI adapter is imported only when asked for: LangChain takes most of a second to load,
 * which the offline default should not pay at every start.
 */
export async function createEmbedder(config: IngestConfig): Promise<Embedder> {
  if (config.EMBEDDER === 'local') return new LocalEmbedder();
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) {
    throw new Error('EMBEDDER=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible local server)');
  }
  const { createOpenAIEmbedder } = await import('./openai.ts');
  return createOpenAIEmbedder({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_EMBEDDING_MODEL,
    cacheDir: config.EMBEDDING_CACHE_DIR,
  });
}
