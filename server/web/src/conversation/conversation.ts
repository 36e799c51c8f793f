import type { ChatMessage } from '../types.ts';

// The server accepts at most 20 earlier messages, each at most 8,000 characters; the most recent
// turns matter most for a follow-up, so older ones are dropped first.
export const MAX_MESSAGES = 20;
export const MAX_MESSAGE_CHARS = 8000;

/** The earlier turns to send with a follow-up, oldest first, within the server's limits. */
export function historyToSend(history: readonly ChatMessage[]): ChatMessage[] {
  return history.slice(-MAX_MESSAGES).map((m) => ({ role: m.role, content: m.content.slice(0, MAX_MESSAGE_CHARS) }));
}
