import type { Embedder } from '../../ingest/embedders/embedder.ts';
import type { OpenIndex } from '../../ingest/index-store/types.ts';
import type { ServerConfig } from '../config.ts';
import type { ChatModel } from '../llm/chat-model.ts';
import { createAsk, type AskLogger, type AskUseCase } from './ask.ts';
import { loadPromptTemplates } from './llm-answers/prompt-templates.ts';
import { createRetriever, type Retriever } from './retrieval/retrieve.ts';

/** Retrieval and answering over one index: what the HTTP plugin decorates and the CLI uses. */
export interface Rag {
  retrieve: Retriever;
  ask: AskUseCase;
  mode: 'extractive' | 'llm';
  llmModel?: string;
}

/** The chat model the configuration asks for; LangChain is imported only then. */
async function chatModelFor(config: ServerConfig): Promise<ChatModel | undefined> {
  if (config.LLM_PROVIDER !== 'openai') return undefined;
  const { createOpenAIChatModel } = await import('../llm/openai-chat-model.ts');
  return createOpenAIChatModel({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_CHAT_MODEL,
    // The SDK's own timeout covers waiting for the reply's headers, which a stream may take up to
    // its first-token time to send.
    timeoutMs: Math.max(config.LLM_TIMEOUT_MS, config.LLM_FIRST_TOKEN_TIMEOUT_MS),
  });
}

export async function createRag(config: ServerConfig, index: OpenIndex, embedder: Embedder, logger?: AskLogger): Promise<Rag> {
  const retrieve = createRetriever(index, embedder);
  const model = await chatModelFor(config);
  const templates = model ? await loadPromptTemplates() : undefined;
  const speakers = [...new Set(index.calls.flatMap((d) => d.turns.map((t) => t.speaker)))];
  const calls = new Map(index.calls.map((d) => [d.call.id, d.call]));
  const ask = createAsk({
    retrieve,
    model,
    templates,
    llmTimeoutMs: config.LLM_TIMEOUT_MS,
    streamTimeouts: { firstTokenMs: config.LLM_FIRST_TOKEN_TIMEOUT_MS, idleMs: config.LLM_IDLE_TIMEOUT_MS },
    logger,
    speakers,
    extractive: { calls },
  });
  return { retrieve, ask, mode: model ? 'llm' : 'extractive', llmModel: model?.id };
}
