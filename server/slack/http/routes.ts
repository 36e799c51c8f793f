// The three endpoints Slack calls. Every request is verified against the signing secret over the
// raw body before anything is parsed or done; the reply goes out at once and the work follows.
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../errors.ts';
import type { SlackBot } from '../bot.ts';
import { handleSlashCommand } from '../handlers/commands.ts';
import { handleEventEnvelope } from '../handlers/events.ts';
import { handleBlockActions } from '../handlers/interactivity.ts';
import { blockActionsSchema, eventEnvelopeSchema, slashCommandSchema } from './payloads.ts';
import { header, verifySlackRequests } from './verified-scope.ts';

export interface SlackRoutesOptions {
  bot: SlackBot;
  signingSecret: string;
}

export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (cause) {
    throw new AppError('bad_request:slack', 'The request body is not valid JSON', { cause });
  }
}

function parsed<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: unknown } }, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('bad_request:slack', `Unexpected ${what} payload`, { cause: result.error });
  return result.data;
}

// Hidden from the OpenAPI document (it describes the public API) and exempt from the per-IP rate
// limit: Slack calls from a few addresses, the signature is the gate, and a 429 would only make
// Slack retry.
export const routeOptions = { schema: { hide: true }, config: { rateLimit: false } } as const;

export const slackRoutes: FastifyPluginAsync<SlackRoutesOptions> = async (app, { bot, signingSecret }) => {
  // Keep bodies as the exact bytes Slack signed; this scope only (the plugin is encapsulated).
  verifySlackRequests(app, signingSecret);

  app.post('/slack/events', routeOptions, async (request) => {
    const envelope = parsed(eventEnvelopeSchema, parseJson(request.body as string), 'event');
    return handleEventEnvelope(bot, envelope, header(request, 'x-slack-retry-num'));
  });

  app.post('/slack/commands', routeOptions, async (request) => {
    const command = parsed(slashCommandSchema, Object.fromEntries(new URLSearchParams(request.body as string)), 'slash command');
    // A replay carries the same timestamp and body, hence the same signature: it names the delivery.
    return handleSlashCommand(bot, command, header(request, 'x-slack-signature'));
  });

  app.post('/slack/interactivity', routeOptions, async (request, reply) => {
    const payload = parseJson(new URLSearchParams(request.body as string).get('payload') ?? '') as { type?: unknown };
    // Only block_actions are ours; other interaction types are acknowledged and ignored.
    if (payload?.type === 'block_actions') handleBlockActions(bot, parsed(blockActionsSchema, payload, 'block_actions'));
    return reply.code(200).send();
  });
};
