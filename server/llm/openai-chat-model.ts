// Chat through OpenAI or any OpenAI-compatible server (Ollama, vLLM) with LangChain's ChatOpenAI.
// Retries are off: a slow or failing LLM makes us answer extractively at once (see rag/ask.ts),
// which serves the user better than waiting out backoffs.
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import type { ChatCallOptions, ChatMessage, ChatModel } from './chat-model.ts';
import { LlmError, toLlmError } from './llm-error.ts';

export interface OpenAIChatModelOptions {
  apiKey?: string;
  /** e.g. `http://127.0.0.1:11434/v1`; without it, api.openai.com. */
  baseURL?: string;
  model: string;
  /** Per HTTP request; the caller's signal usually fires first. */
  timeoutMs?: number;
  /** Default 0. */
  maxRetries?: number;
  temperature?: number;
  maxTokens?: number;
}

export function createOpenAIChatModel(opts: OpenAIChatModelOptions): ChatModel {
  if (!opts.apiKey && !opts.baseURL) throw new Error('OpenAI chat model needs an apiKey, or a baseURL for a keyless OpenAI-compatible server');
  const client = new ChatOpenAI({
    model: opts.model,
    // Local servers ignore the key, but the SDK refuses to start without one.
    apiKey: opts.apiKey ?? 'not-needed',
    temperature: opts.temperature ?? 0,
    maxTokens: opts.maxTokens,
    timeout: opts.timeoutMs,
    maxRetries: opts.maxRetries ?? 0,
    // Some compatible servers reject `stream_options`; we do not use the usage figures.
    streamUsage: false,
    configuration: opts.baseURL ? { baseURL: opts.baseURL } : undefined,
  });

  return {
    id: `openai:${opts.model}`,

    async complete(messages, { signal }) {
      try {
        const reply = await untilAborted(client.invoke(toLangChain(messages), { signal }), signal);
        const text = textOf(reply.content);
        if (!text.trim()) throw new LlmError('bad_response', 'LLM reply was empty');
        return text;
      } catch (caught) {
        throw toLlmError(caught, signal);
      }
    },

    async *stream(messages, { signal }: ChatCallOptions) {
      let iterator: AsyncIterator<{ content: unknown }> | undefined;
      let finished = false;
      try {
        const stream = await untilAborted(client.stream(toLangChain(messages), { signal }), signal);
        iterator = stream[Symbol.asyncIterator]();
        for (;;) {
          // LangChain ends a stream quietly when its signal fires; racing each step makes an
          // abort an error, and a stalled socket cannot outlive the signal.
          const step = await untilAborted(iterator.next(), signal);
          if (step.done) {
            finished = true;
            break;
          }
          const text = textOf(step.value.content);
          if (text) yield text;
        }
        signal.throwIfAborted();
      } catch (caught) {
        throw toLlmError(caught, signal);
      } finally {
        // Also when our consumer stops early: closes the HTTP stream instead of draining it.
        if (!finished) void iterator?.return?.()?.catch(() => undefined);
      }
    },
  };
}

function toLangChain(messages: ChatMessage[]): BaseMessage[] {
  return messages.map((m) =>
    m.role === 'system' ? new SystemMessage(m.content) : m.role === 'user' ? new HumanMessage(m.content) : new AIMessage(m.content),
  );
}

/** Message content as plain text: a string, or the text parts of a content-block array. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (part && typeof part === 'object' && 'text' in part && typeof part.text === 'string' ? part.text : '')).join('');
  }
  throw new LlmError('bad_response', 'LLM reply had no text content');
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}
