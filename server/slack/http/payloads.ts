import { z } from 'zod';

// The parts of Slack's payloads the bot reads; everything else is ignored. Parsed after the
// signature check, so a failure here is Slack changing shape (or a bug), not an attacker.

const message = z.object({
  type: z.string(),
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
  channel: z.string().optional(),
  channel_type: z.string().optional(),
});
export type SlackEvent = z.infer<typeof message>;

export const eventEnvelopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('url_verification'), challenge: z.string() }),
  z.object({
    type: z.literal('event_callback'),
    event_id: z.string(),
    event: message,
    authorizations: z.array(z.object({ user_id: z.string().optional() })).optional(),
  }),
  z.object({ type: z.literal('app_rate_limited') }),
]);
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

export const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  user_id: z.string(),
  channel_id: z.string(),
  response_url: z.url(),
});
export type SlashCommand = z.infer<typeof slashCommandSchema>;

export const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional() }).optional(),
  response_url: z.url().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })),
});
export type BlockActions = z.infer<typeof blockActionsSchema>;
