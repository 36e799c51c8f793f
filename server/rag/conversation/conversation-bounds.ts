import type { ConversationMessage } from './rewrite-followup.ts';

// Bounded work per request: however long a conversation a client sends (an OpenAI client sends
// its whole history every time), only its newest part is read. An ~900 KB history once cost 7–8 s
// of CPU in the follow-up rewrite while /healthz waited behind it.

/** The longest question read (the API refuses longer ones; a Slack message may hold 40,000 characters). */
export const MAX_QUESTION_CHARS = 2_000;

/** Earlier turns kept, newest first. */
export const MAX_CONVERSATION_TURNS = 20;
/** A longer turn keeps its beginning (a question's words; an answer's first claims). */
const MAX_TURN_CHARS = 4_000;
/** All kept turns together; older ones beyond it are dropped. */
export const MAX_CONVERSATION_CHARS = 16_000;

/** The newest turns within the caps, oldest first; turns are trimmed, never split into more. */
export function boundConversation(messages: readonly ConversationMessage[]): ConversationMessage[] {
  const kept: ConversationMessage[] = [];
  let chars = 0;
  for (let i = messages.length - 1; i >= 0 && kept.length < MAX_CONVERSATION_TURNS; i--) {
    const m = messages[i];
    const content = m.content.length > MAX_TURN_CHARS ? m.content.slice(0, MAX_TURN_CHARS) : m.content;
    if (!content.trim()) continue;
    if (chars + content.length > MAX_CONVERSATION_CHARS) break;
    chars += content.length;
    kept.push({ role: m.role, content });
  }
  return kept.reverse();
}
