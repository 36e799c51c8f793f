import fp from 'fastify-plugin';
import { createLinkSigner } from '../auth/link-signature.ts';
import type { ServerConfig } from '../config.ts';
import { createSlackBot } from './bot.ts';
import { createSlackClient, type SlackApi } from './client.ts';
import { slackRoutes } from './http/routes.ts';
import { slackSetupRoutes } from './http/setup-routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Present when the Slack bot is enabled. `idle()` resolves once no answer is being worked on. */
    slack?: { idle(): Promise<void>; inFlight(): number };
  }
}

export interface SlackPluginOptions {
  config: Pick<ServerConfig, 'SLACK_SIGNING_SECRET' | 'SLACK_BOT_TOKEN' | 'SLACK_API_URL' | 'PUBLIC_BASE_URL'> & Partial<Pick<ServerConfig, 'API_KEYS'>>;
  /** Replaces the Web API client (defaults to one built from the config). */
  api?: SlackApi;
}

/** The Slack bot: /slack/events, /slack/commands and /slack/interactivity. With the signing secret alone, only set-up answers. */
export const slackPlugin = fp<SlackPluginOptions>(
  async (app, { config, api }) => {
    const { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: token } = config;
    if (!signingSecret) throw new Error('slack plugin: SLACK_SIGNING_SECRET is required');
    const log = app.log.child({ component: 'slack' });
    if (!token) {
      log.warn('slack: SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not: Slack can verify the events URL; install the app and set SLACK_BOT_TOKEN to answer questions');
      await app.register(slackSetupRoutes, { signingSecret });
      return;
    }
    const bot = createSlackBot({
      api: api ?? createSlackClient({ token, apiUrl: config.SLACK_API_URL, log }),
      // Read at each question: the index (and its rag) may be swapped for a new generation.
      ask: { ask: (req, opts) => app.rag.ask.ask(req, opts), askStream: (req, opts) => app.rag.ask.askStream(req, opts) },
      log,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      signLink: createLinkSigner(config.API_KEYS ?? [])?.sign,
    });
    app.decorate('slack', { idle: () => bot.jobs.drain(), inFlight: () => bot.jobs.size });
    // The HTTP server has stopped taking requests by now; let answers being written finish.
    app.addHook('onClose', async () => {
      if (bot.jobs.size) log.info({ jobs: bot.jobs.size }, 'waiting for slack answers in flight');
      await bot.jobs.drain();
    });
    await app.register(slackRoutes, { bot, signingSecret });
  },
  { name: 'slack', dependencies: ['rag'] },
);
