import { BoundedMap } from './bounded-map.ts';

// Slack redelivers an event when it gets no 200 within 3 seconds (and on 5xx), with the same
// event_id and an X-Slack-Retry-Num header; one message can also arrive twice under different
// event ids (app_mention and message.im). A bounded map of recently seen keys answers "seen?".

export interface Dedupe {
  /** True when the key was seen within the TTL; otherwise remembers it and returns false. */
  seen(key: string): boolean;
}

export interface DedupeOptions {
  /** Slack retries three times within about an hour and a half; keep keys a little longer. */
  ttlMs?: number;
  /** Oldest keys are dropped past this many, so a flood cannot grow memory without bound. */
  max?: number;
  now?: () => number;
}

export function createDedupe({ ttlMs = 2 * 60 * 60 * 1000, max = 10_000, now }: DedupeOptions = {}): Dedupe {
  const keys = new BoundedMap<true>({ ttlMs, max, now });
  return {
    seen(key) {
      if (keys.get(key)) return true;
      keys.set(key, true);
      return false;
    },
  };
}
