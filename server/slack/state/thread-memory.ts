// Follow-up questions need the conversation so far. The bot keeps its own bounded memory of the
// questions it answered per thread instead of reading threads back with conversations.replies,
// which would need the channels:history/groups:history scopes on top of the five we ask for.
// A restart forgets it: a follow-up is then answered as a standalone question.
import type { ConversationMessage } from '../../rag/conversation/rewrite-followup.ts';
import { MAX_QUESTION_CHARS } from '../../rag/conversation/conversation-bounds.ts';
import { BoundedMap } from './bounded-map.ts';

const MAX_TURNS = 6;
const ANSWER_CHARS = 1_000;

export interface ThreadMemory {
  history(key: string): ConversationMessage[];
  remember(key: string, question: string, answer: string): void;
}

/** A thread is `channel:thread_ts`; a DM without threads is one conversation per channel. */
export const threadKey = (channel: string, threadTs: string | undefined) => `${channel}:${threadTs ?? 'main'}`;

export function createThreadMemory(opts: { max?: number; ttlMs?: number; now?: () => number } = {}): ThreadMemory {
  const threads = new BoundedMap<ConversationMessage[]>({ max: opts.max ?? 5_000, ttlMs: opts.ttlMs ?? 60 * 60 * 1000, now: opts.now });
  return {
    history: (key) => [...(threads.get(key) ?? [])],
    remember(key, question, answer) {
      // Bounded like everything kept per thread: a Slack message may be 40,000 characters.
      const turns = [...(threads.get(key) ?? []), { role: 'user' as const, content: question.slice(0, MAX_QUESTION_CHARS) }, { role: 'assistant' as const, content: answer.slice(0, ANSWER_CHARS) }];
      threads.set(key, turns.slice(-2 * MAX_TURNS));
    },
  };
}
