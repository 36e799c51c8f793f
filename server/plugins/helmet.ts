import fp from 'fastify-plugin';
import helmet from 'helmet';

// Security headers on every response. The CSP stays strict; the docs UI serves its own
// assets from the same origin, so it needs no exceptions beyond inline styles.
//
// helmet itself, not @fastify/helmet: that plugin rebuilds helmet's middleware (parsing the CSP
// directives again) for every request, 0.15 ms of each /v1/search request under load on the
// 2-core machine, as much as a whole trivial route. The headers are the same; nothing here used
// the plugin's per-route options or CSP nonces.
export const helmetPlugin = fp(
  async (app) => {
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
    app.addHook('onRequest', (request, reply, done) => {
      setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
    });
  },
  { name: 'helmet' },
);
