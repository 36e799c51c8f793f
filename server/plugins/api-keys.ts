import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createLinkSigner, LINK_SIGNATURE_PARAM } from '../auth/link-signature.ts';
import { AppError } from '../errors.ts';

// Keys are compared as SHA-256 digests: equal-length buffers for timingSafeEqual, so neither a
// key's content nor its length leaks through response timing.
const digest = (key: string) => createHash('sha256').update(key).digest();

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

export function keyMatcher(keys: string[]): (candidate: string) => boolean {
  const digests = keys.map(digest);
  return (candidate) => {
    const given = digest(candidate);
    // No short-circuit: every key is compared whatever the outcome.
    return digests.reduce((ok, d) => timingSafeEqual(d, given) || ok, false);
  };
}

/** Requires `Authorization: Bearer <key>` on every route of the scope it is registered in; no keys, no check. */
export const apiKeysPlugin = fp<{ keys: string[] }>(
  async (app, { keys }) => {
    if (keys.length === 0) return;
    const matches = keyMatcher(keys);
    const links = createLinkSigner(keys)!;
    app.addHook('onRequest', async (request) => {
      if (isSignedTranscriptRead(request, links.verify)) return;
      const token = bearerToken(request);
      if (!token) throw new AppError('unauthorized:api', 'Missing API key: send Authorization: Bearer <key>');
      if (!matches(token)) throw new AppError('unauthorized:api', 'Invalid API key');
    });
  },
  { name: 'api-keys' },
);

/** Set on a GET route's `config` whose `:id` is a call: a link signed for that call (link-signature.ts) reads it without a key. */
export const SIGNED_LINK_READS = { signedLinkReads: true } as const;

/** A shared source link reads the one call it was signed for, on a route that allows it. */
function isSignedTranscriptRead(request: FastifyRequest, verify: (callId: string, signature: string) => boolean): boolean {
  const allowed = (request.routeOptions.config as { signedLinkReads?: boolean } | undefined)?.signedLinkReads === true;
  if (request.method !== 'GET' || !allowed) return false;
  const signature = (request.query as Record<string, unknown> | undefined)?.[LINK_SIGNATURE_PARAM];
  const callId = (request.params as { id?: unknown } | undefined)?.id;
  return typeof signature === 'string' && typeof callId === 'string' && verify(callId, signature);
}
