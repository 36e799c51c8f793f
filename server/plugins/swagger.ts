import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

// The OpenAPI document is generated from the routes' zod schemas, so it cannot drift from what
// the server validates. Registered before the routes: swagger collects them as they are added.
export const swaggerPlugin = fp<{ bearerAuth: boolean; version: string }>(
  async (app, { bearerAuth, version }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'transcript-qa',
          description: 'Answers questions about call transcripts with citations to the exact lines.',
          version,
        },
        ...(bearerAuth
          ? {
              components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
              security: [{ apiKey: [] }],
            }
          : {}),
      },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      // No call-out to the public validator badge: the page works offline and the CSP stays tight.
      uiConfig: { validatorUrl: null },
    });
  },
  { name: 'swagger' },
);
