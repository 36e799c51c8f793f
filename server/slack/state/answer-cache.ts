import { randomBytes } from 'node:crypto';
import type { AskResult } from '../../rag/ask.ts';
import { BoundedMap } from './bounded-map.ts';

// The "Share in channel" button must let the interaction rebuild the answer it was shown with.
// Slack caps a button value at 2,000 characters, too little for an answer with its sources, so
// the value carries a short id of the cached answer plus the question, re-asked when the cache
// no longer has it (a restart, or after the TTL).

export const BUTTON_VALUE_MAX = 2_000;

export interface CachedAnswer {
  question: string;
  result: AskResult;
}

export interface ShareValue {
  id: string;
  question: string;
}

export interface AnswerCache {
  put(entry: CachedAnswer): string;
  get(id: string): CachedAnswer | undefined;
}

export function createAnswerCache(opts: { max?: number; ttlMs?: number } = {}): AnswerCache {
  const answers = new BoundedMap<CachedAnswer>({ max: opts.max ?? 1_000, ttlMs: opts.ttlMs ?? 60 * 60 * 1000 });
  return {
    put(entry) {
      const id = randomBytes(9).toString('base64url');
      answers.set(id, entry);
      return id;
    },
    get: (id) => answers.get(id),
  };
}

export function encodeShareValue({ id, question }: ShareValue): string {
  const room = BUTTON_VALUE_MAX - JSON.stringify({ id, q: '' }).length;
  // Cut the question until its JSON form fits (escapes can make it longer than its length).
  let q = question;
  while (JSON.stringify(q).length - 2 > room) q = q.slice(0, Math.floor(q.length * 0.9));
  return JSON.stringify({ id, q });
}

export function decodeShareValue(value: string | undefined): ShareValue | undefined {
  try {
    const parsed = JSON.parse(value ?? '') as { id?: unknown; q?: unknown };
    if (typeof parsed.id === 'string' && typeof parsed.q === 'string') return { id: parsed.id, question: parsed.q };
  } catch {
    // not ours
  }
  return undefined;
}
