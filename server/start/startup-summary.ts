import type { OpenIndex } from '../../ingest/index-store/types.ts';
import type { ServerConfig } from '../config.ts';

// What a person starting the server needs to know first: where it is, whether answers come from
// an LLM (and which), and which library it serves. `.env` makes this less obvious than it was.

type Settings = Pick<ServerConfig, 'LLM_PROVIDER' | 'OPENAI_CHAT_MODEL' | 'OPENAI_BASE_URL' | 'INDEX_DIR' | 'EMBEDDER'>;

export interface StartupSummary {
  mode: 'offline' | 'llm';
  model?: string;
  baseUrl?: string;
  indexDir: string;
  calls: number;
  chunks: number;
  embedder: string;
}

const OPENAI_DEFAULT_URL = 'https://api.openai.com/v1';

export function startupSummary(config: Settings, index: Pick<OpenIndex, 'calls' | 'chunks'>): StartupSummary {
  const llm = config.LLM_PROVIDER === 'openai';
  return {
    mode: llm ? 'llm' : 'offline',
    ...(llm ? { model: config.OPENAI_CHAT_MODEL, baseUrl: config.OPENAI_BASE_URL ?? OPENAI_DEFAULT_URL } : {}),
    indexDir: config.INDEX_DIR,
    calls: index.calls.length,
    chunks: index.chunks.length,
    embedder: config.EMBEDDER,
  };
}

export function describeStartup(s: StartupSummary): string {
  const mode = s.mode === 'llm' ? `LLM answers with ${s.model} at ${s.baseUrl}` : 'offline answers (quotes from the transcripts, no LLM)';
  const calls = `${s.calls} call${s.calls === 1 ? '' : 's'}`;
  return `${mode}; index ${s.indexDir}: ${calls}, ${s.chunks} passages, ${s.embedder} embedder`;
}
