// /ask <question>: the HTTP reply is an immediate ephemeral "searching" note; the answer follows
// as an ephemeral message with a "Share in channel" button. chat.postEphemeral needs the bot in
// the channel; where it is not, the command's response_url still reaches the user, with a hint
// to invite the bot.
import { encodeShareValue } from '../state/answer-cache.ts';
import { answerOptions } from '../messages/answer-options.ts';
import { answerMessage, isCitedAnswer, noticeMessage, type SlackMessage } from '../messages/blocks.ts';
import type { SlackBot } from '../bot.ts';
import { slackErrorCode } from '../client.ts';
import { ERROR_TEXT } from './conversation.ts';
import { questionFromSlackText } from '../messages/incoming-text.ts';
import { escapeMrkdwn, truncate } from '../messages/mrkdwn.ts';
import type { SlashCommand } from '../http/payloads.ts';

export const USAGE_TEXT = 'Usage: `/ask <question about the calls>`, e.g. `/ask What was free cash flow in the fourth quarter?`';
export const INVITE_TEXT = "I'm not a member of this channel: invite me (`/invite` and my name) to share answers in it.";
export const NOT_MEMBER_CODES = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

export type CommandReply = { response_type: 'ephemeral'; text: string } | Record<string, never>;

/**
 * `deliveryKey` names this delivery (the request's signature): a signed
 * command replayed within the signature window is acknowledged but answered once, as events are.
 */
export function handleSlashCommand(bot: SlackBot, command: SlashCommand, deliveryKey?: string): CommandReply {
  if (deliveryKey && bot.dedupe.seen(`command:${deliveryKey}`)) {
    bot.log.info({ command: command.command }, 'slack: duplicate slash command ignored');
    return {};
  }
  // Same markup as messages (&amp;, <@U…|name>, links), so the same clean-up applies.
  const question = questionFromSlackText(command.text, bot.botUserIds);
  if (!question) return { response_type: 'ephemeral', text: USAGE_TEXT };
  bot.jobs.run(`slack command ${command.command}`, () => answerCommand(bot, command, question));
  return { response_type: 'ephemeral', text: `:hourglass_flowing_sand: Searching the transcripts for “${escapeMrkdwn(truncate(question, 200))}”…` };
}

async function answerCommand(bot: SlackBot, command: SlashCommand, question: string): Promise<void> {
  const log = bot.log.child({ slack: { command: command.command, channel: command.channel_id, user: command.user_id } });
  let message: SlackMessage;
  try {
    const result = await bot.ask.ask({ question });
    log.info({ answered: result.answered, mode: result.mode, degraded: result.degraded, citations: result.citations.length, tookMs: result.tookMs }, 'slack command answered');
    const shareValue = isCitedAnswer(result) ? encodeShareValue({ id: bot.answers.put({ question, result }), question }) : undefined;
    message = answerMessage(result, { ...answerOptions(bot, question), shareValue });
  } catch (err) {
    log.error({ err }, 'slack: answering a command failed');
    message = noticeMessage(ERROR_TEXT);
  }
  try {
    await bot.api.postEphemeral({ channel: command.channel_id, user: command.user_id, ...message });
  } catch (err) {
    const code = slackErrorCode(err);
    if (!code || !NOT_MEMBER_CODES.has(code)) throw err;
    log.warn({ code }, 'slack: bot not in the channel; answering through response_url');
    await bot.api.respond(command.response_url, withNotice(message, INVITE_TEXT));
  }
}

/** The message with a context line appended (kept within the block limit by replacing the last one). */
export function withNotice(message: SlackMessage, notice: string): SlackMessage & { response_type: 'ephemeral' } {
  const blocks = [...message.blocks, { type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: notice }] }];
  return { response_type: 'ephemeral', text: message.text, blocks: blocks.length > 50 ? [...blocks.slice(0, 49), blocks[blocks.length - 1]] : blocks };
}
