import fp from 'fastify-plugin';
import type { Embedder } from '../../ingest/embedders/embedder.ts';
import type { ServerConfig } from '../config.ts';
import type { ChatModel } from '../llm/chat-model.ts';
import { createAsk, type AskUseCase } from '../rag/ask.ts';
import { loadPromptTemplates } from '../rag/prompt-templates.ts';
import { createRetriever, type Retriever } from '../rag/retrieve.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Retrieval and answering over the index. Declare `dependencies: ['rag']` to use it. */
    rag: { retrieve: Retriever; ask: AskUseCase; mode: 'extractive' | 'llm'; llmModel?: string };
  }
}

export interface RagPluginOptions {
  config: ServerConfig;
  embedder: Embedder;
}

/** The chat model the configuration asks for; LangChain is imported only then. */
async function chatModelFor(config: ServerConfig): Promise<ChatModel | undefined> {
  if (config.LLM_PROVIDER !== 'openai') return undefined;
  const { createOpenAIChatModel } = await import('../llm/openai-chat-model.ts');
  return createOpenAIChatModel({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_CHAT_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
  });
}

export const ragPlugin = fp<RagPluginOptions>(
  async (app, { config, embedder }) => {
    const retrieve = createRetriever(app.index, embedder);
    const model = await chatModelFor(config);
    const templates = model ? await loadPromptTemplates() : undefined;
    const speakers = [...new Set(app.index.calls.flatMap((d) => d.turns.map((t) => t.speaker)))];
    const calls = new Map(app.index.calls.map((d) => [d.call.id, d.call]));
    const ask = createAsk({
      retrieve,
      model,
      templates,
      llmTimeoutMs: config.LLM_TIMEOUT_MS,
      logger: app.log,
      speakers,
      extractive: { calls },
    });
    app.decorate('rag', { retrieve, ask, mode: model ? 'llm' : 'extractive', llmModel: model?.id });
    app.log.info({ mode: model ? 'llm' : 'extractive', model: model?.id }, 'answering mode');
  },
  { name: 'rag', dependencies: ['transcript-index'] },
);
