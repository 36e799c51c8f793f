import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

// Security headers on every response. The CSP stays strict; the docs UI serves its own
// assets from the same origin, so it needs no exceptions beyond inline styles.
export const helmetPlugin = fp(
  async (app) => {
    await app.register(helmet, {
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
  },
  { name: 'helmet' },
);
