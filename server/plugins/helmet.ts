import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet from 'helmet';

// Security headers on every response. The CSP stays strict; the docs UI serves its own
// assets from the same origin, so it needs no exceptions beyond inline styles.
//
// helmet itself, not @fastify/helmet: that plugin rebuilds helmet's middleware (parsing the CSP
// directives again) for every request, 0.15 ms of each /v1/search request under load on the
// 2-core machine, as much as a whole trivial route. The headers are the same; nothing here used
// the plugin's per-route options or CSP nonces.
const setHeaders = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'"],
      // The service is often reached over plain http (loopback, behind a TLS proxy); upgrading
      // the docs page's asset requests to https would break it there.
      upgradeInsecureRequests: null,
    },
  },
});

/**
 * The headers helmet sets, read once: they depend on nothing in the request. Handed to
 * reply.headers() rather than set on the raw response per request, which cost two thirds of the
 * plugin's time (node validating each header when set, then again when the reply's own headers
 * joined them at writeHead; with none set on the raw response, writeHead writes the reply's
 * headers in one pass).
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failed: unknown;
  setHeaders({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, (error?: unknown) => (failed = error));
  if (failed) throw failed;
  return headers;
}

export const helmetPlugin = fp(
  async (app) => {
    const headers = securityHeaders();
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
  },
  { name: 'helmet' },
);
