import { AppError } from '../../errors.ts';
import type { ConversationMessage } from '../../rag/conversation/rewrite-followup.ts';
import { MAX_CONVERSATION_TURNS } from '../../rag/conversation/conversation-bounds.ts';
import { MAX_QUESTION_CHARS } from '../shared/schemas.ts';
import type { ChatMessageInput } from './schema.ts';

/** The text of a message: a string, or its text parts joined (images and the like are ignored). */
export function messageText(m: ChatMessageInput): string {
  if (typeof m.content === 'string') return m.content;
  if (!m.content) return '';
  return m.content.flatMap((p) => (p.type === 'text' && typeof p.text === 'string' ? [p.text] : [])).join('\n');
}

/** The last user message is the question; the user and assistant turns before it are the conversation. */
export function toAskInput(messages: readonly ChatMessageInput[]): { question: string; history: ConversationMessage[] } {
  const last = messages.findLastIndex((m) => m.role === 'user' && messageText(m).trim());
  if (last < 0) throw new AppError('bad_request:request', 'body.messages: needs a user message with text', { errors: [{ path: 'body.messages', message: 'needs a user message with text' }] });
  const question = messageText(messages[last]).trim();
  if (question.length > MAX_QUESTION_CHARS) {
    const message = `the last user message must be at most ${MAX_QUESTION_CHARS} characters`;
    throw new AppError('bad_request:request', `body.messages: ${message}`, { errors: [{ path: `body.messages.${last}.content`, message }] });
  }
  // Newest first, and no further back than the ask core reads (conversation-bounds.ts trims the rest).
  const history: ConversationMessage[] = [];
  for (let i = last - 1; i >= 0 && history.length < MAX_CONVERSATION_TURNS; i--) {
    const m = messages[i];
    if (m.role !== 'user' && m.role !== 'assistant') continue;
    const content = messageText(m);
    if (content.trim()) history.push({ role: m.role, content });
  }
  return { question, history: history.reverse() };
}

/** Token counts are not ours to know (no tokenizer for the caller's model): about four characters each. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);
