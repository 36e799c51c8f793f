// The port every chat model implements. The RAG core knows only this, never a vendor SDK.

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatCallOptions {
  /** Ends the call (request and stream) when aborted; the adapter then throws an LlmError. */
  signal: AbortSignal;
}

export interface ChatModel {
  /** e.g. `openai:gpt-4o-mini`; logged with each answer. */
  readonly id: string;
  complete(messages: ChatMessage[], opts: ChatCallOptions): Promise<string>;
  /** Text deltas in order. Throws LlmError on a failed, garbled or aborted stream. */
  stream(messages: ChatMessage[], opts: ChatCallOptions): AsyncIterable<string>;
}
