// The Slack endpoints before the app is installed. Setting up goes: create the app from the
// manifest (with this server's URL), copy its signing secret here, then have Slack verify the
// events URL; the bot token exists only after installing. So with the secret alone the server
// already answers Slack's url_verification, and says what is missing to everything else.
import type { FastifyPluginAsync } from 'fastify';
import { routeOptions, parseJson } from './routes.ts';
import { verifySlackRequests } from './verified-scope.ts';

export const SETUP_TEXT = 'This bot is not set up yet: install the app to the workspace and set SLACK_BOT_TOKEN on the server.';

export const slackSetupRoutes: FastifyPluginAsync<{ signingSecret: string }> = async (app, { signingSecret }) => {
  verifySlackRequests(app, signingSecret);
  const missingToken = () => app.log.warn('slack: a request arrived but SLACK_BOT_TOKEN is not set; install the app and set it');

  app.post('/slack/events', routeOptions, async (request) => {
    const envelope = parseJson(request.body as string) as { type?: unknown; challenge?: unknown };
    if (envelope?.type === 'url_verification' && typeof envelope.challenge === 'string') return { challenge: envelope.challenge };
    missingToken();
    return {};
  });
  app.post('/slack/commands', routeOptions, async () => {
    missingToken();
    return { response_type: 'ephemeral', text: SETUP_TEXT };
  });
  app.post('/slack/interactivity', routeOptions, async (_request, reply) => {
    missingToken();
    return reply.code(200).send();
  });
};
