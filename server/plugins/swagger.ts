import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { withRequestExamples } from './openapi-examples.ts';

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
        // Always declared, so /docs has its Authorize button; a server without API_KEYS ignores the header.
        components: {
          securitySchemes: {
            apiKey: {
              type: 'http',
              scheme: 'bearer',
              description: bearerAuth ? 'This server requires one of its API_KEYS.' : 'This server sets no API_KEYS: any value or none works.',
            },
          },
        },
        security: [{ apiKey: [] }],
      },
      transform: jsonSchemaTransform,
      transformObject: (documents) => withRequestExamples(('openapiObject' in documents ? documents.openapiObject : documents.swaggerObject) as never),
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      // No call-out to the public validator badge: the page works offline and the CSP stays tight.
      // The key entered with Authorize survives reloads of /docs.
      uiConfig: { validatorUrl: null, persistAuthorization: true },
    });
  },
  { name: 'swagger' },
);
