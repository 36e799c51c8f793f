import { createHmac, timingSafeEqual } from 'node:crypto';

// Slack signs every request: `v0=` + hex HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`).
// The timestamp window stops replays of a captured request; Slack's own guidance is five minutes.

export const SIGNATURE_MAX_AGE_SECONDS = 5 * 60;

export interface SlackSignatureInput {
  secret: string;
  /** `X-Slack-Request-Timestamp`: Unix seconds. */
  timestamp: string | undefined;
  /** `X-Slack-Signature`: `v0=<hex>`. */
  signature: string | undefined;
  /** The body exactly as received: re-serialised JSON would not match. */
  rawBody: string;
  /** Current time in ms (default Date.now()). */
  now?: number;
}

export type SlackSignatureCheck = { ok: true } | { ok: false; reason: 'missing_headers' | 'stale_timestamp' | 'bad_signature' };

export function slackSignature(secret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export function verifySlackSignature(input: SlackSignatureInput): SlackSignatureCheck {
  const { secret, timestamp, signature, rawBody } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'stale_timestamp' };
  const ageSeconds = Math.abs((input.now ?? Date.now()) / 1000 - Number(timestamp));
  if (ageSeconds > SIGNATURE_MAX_AGE_SECONDS) return { ok: false, reason: 'stale_timestamp' };
  const expected = Buffer.from(slackSignature(secret, timestamp, rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual throws on unequal lengths; the length of a valid signature is public anyway.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  return { ok: true };
}
