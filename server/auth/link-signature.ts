import { createHmac, timingSafeEqual } from 'node:crypto';

// Source links that the server hands out (Slack answers) must open for whoever was shown them,
// even when /v1 needs an API key they do not have. Such a link carries a signature of its call id:
// it opens that call's transcript and nothing else. The signing key derives from the API keys, so
// a link stops working when the keys change (no separate secret to manage or leak).

export type LinkSigner = (callId: string) => string;

export function createLinkSigner(apiKeys: readonly string[]): { sign: LinkSigner; verify(callId: string, signature: string): boolean } | undefined {
  if (apiKeys.length === 0) return undefined;
  const key = createHmac('sha256', 'transcript-qa source links').update([...apiKeys].sort().join('\0')).digest();
  const sign: LinkSigner = (callId) => createHmac('sha256', key).update(`call:${callId}`).digest('base64url').slice(0, 22);
  return {
    sign,
    verify(callId, signature) {
      const expected = Buffer.from(sign(callId));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

/** The query parameter that carries a link's signature. */
export const LINK_SIGNATURE_PARAM = 's';
