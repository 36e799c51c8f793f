import type { AskResult } from '../types.ts';

// The conversation survives a reload: kept in this browser's local storage (never sent anywhere
// but with the follow-ups it belongs to). Like the key, it lives in memory when storage throws.

export interface StoredTurn {
  question: string;
  /** The verified answer; absent when the turn failed or was stopped. */
  result?: AskResult;
  /** What the reader was told when it failed or was stopped. */
  error?: string;
  /** The reader pressed Stop. */
  stopped?: boolean;
}

const KEY = 'transcript-qa.conversation';
// A long conversation is not worth a full storage quota; the oldest turns go first.
const MAX_TURNS = 40;
let memory: StoredTurn[] = [];

export function loadConversation(): StoredTurn[] {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as { turns?: StoredTurn[] }) : undefined;
    return Array.isArray(parsed?.turns) ? parsed.turns.filter((t) => typeof t?.question === 'string') : [];
  } catch {
    return memory;
  }
}

export function saveConversation(turns: StoredTurn[]): void {
  memory = turns.slice(-MAX_TURNS);
  let keep = memory.length;
  for (;;) {
    try {
      if (keep === 0) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, JSON.stringify({ turns: memory.slice(-keep) }));
      return;
    } catch {
      // Over quota (or no storage at all): try again with the newer half.
      if (keep === 0) return;
      keep = Math.floor(keep / 2);
    }
  }
}
