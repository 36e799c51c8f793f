// Events API: Slack POSTs an envelope per event and wants a 200 within 3 seconds. The handler
// decides at once whether the event is a question, replies, and answers in the background.
import type { SlackBot } from '../bot.ts';
import { answerInConversation, type ConversationQuestion } from './conversation.ts';
import { questionFromSlackText } from '../messages/incoming-text.ts';
import type { EventEnvelope, SlackEvent } from '../http/payloads.ts';

export type EventReply = { challenge: string } | Record<string, never>;

export function handleEventEnvelope(bot: SlackBot, envelope: EventEnvelope, retryNum?: string): EventReply {
  if (envelope.type === 'url_verification') return { challenge: envelope.challenge };
  if (envelope.type !== 'event_callback') {
    bot.log.warn({ type: envelope.type }, 'slack: events are being rate limited by Slack');
    return {};
  }
  bot.learnIdentity();
  for (const a of envelope.authorizations ?? []) if (a.user_id) bot.botUserIds.add(a.user_id);
  if (bot.dedupe.seen(`event:${envelope.event_id}`)) {
    bot.log.info({ eventId: envelope.event_id, retryNum }, 'slack: duplicate event delivery ignored');
    return {};
  }
  const question = questionOf(envelope.event, bot.botUserIds);
  if (!question) return {};
  // One message can arrive as both app_mention and message.im: answer it once.
  if (bot.dedupe.seen(`message:${question.channel}:${question.ts}`)) return {};
  bot.jobs.run(`slack event ${envelope.event_id}`, () => answerInConversation(bot, question));
  return {};
}

/** The question an event asks, or undefined for events the bot must not answer. */
export function questionOf(event: SlackEvent, botUserIds: ReadonlySet<string>): ConversationQuestion | undefined {
  // Bots (this one included) never trigger an answer: no loops. Edits, deletions, joins and
  // other subtypes are not new questions either.
  if (event.bot_id || event.subtype || !event.user || botUserIds.has(event.user)) return undefined;
  if (!event.channel || !event.ts) return undefined;
  const isMention = event.type === 'app_mention';
  const isDm = event.type === 'message' && event.channel_type === 'im';
  if (!isMention && !isDm) return undefined;
  return {
    channel: event.channel,
    ts: event.ts,
    // In a channel the answer always goes in a thread; in a DM only when the question is in one.
    threadTs: isMention ? (event.thread_ts ?? event.ts) : event.thread_ts,
    question: questionFromSlackText(event.text ?? '', botUserIds),
    user: event.user,
  };
}
