import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { verifySlackSignature } from './verify.ts';

export const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Makes an (encapsulated) scope keep bodies as the bytes Slack signed and refuse unsigned requests. */
export function verifySlackRequests(app: FastifyInstance, signingSecret: string): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'application/x-www-form-urlencoded'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addHook('preHandler', async (request) => {
    const check = verifySlackSignature({
      secret: signingSecret,
      timestamp: header(request, 'x-slack-request-timestamp'),
      signature: header(request, 'x-slack-signature'),
      rawBody: typeof request.body === 'string' ? request.body : '',
    });
    if (!check.ok) throw new AppError('unauthorized:slack', `Slack request verification failed: ${check.reason}`);
  });
}
