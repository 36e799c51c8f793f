// The "Share in channel" button on an ephemeral /ask answer: post the answer publicly (as the
// bot, with who asked what), then delete the ephemeral copy. The button value names a cached
// answer; when the cache lost it, the question is asked again.
import { decodeShareValue } from '../state/answer-cache.ts';
import { answerOptions } from '../messages/answer-options.ts';
import { answerMessage, isCitedAnswer, noticeMessage, NOT_COVERED_TEXT, SHARE_ACTION_ID } from '../messages/blocks.ts';
import type { SlackBot } from '../bot.ts';
import { slackErrorCode } from '../client.ts';
import { NOT_MEMBER_CODES } from './commands.ts';
import { ERROR_TEXT } from './conversation.ts';
import { handleFeedback, isFeedbackAction } from './feedback.ts';
import type { BlockActions } from '../http/payloads.ts';
import { threadKey } from '../state/thread-memory.ts';

export function handleBlockActions(bot: SlackBot, payload: BlockActions): void {
  for (const action of payload.actions) {
    if (isFeedbackAction(action.action_id)) {
      handleFeedback(bot, payload, { ...action, action_id: action.action_id });
      continue;
    }
    if (action.action_id !== SHARE_ACTION_ID) continue;
    const share = decodeShareValue(action.value);
    const channel = payload.channel?.id ?? payload.container?.channel_id;
    if (!share || !channel) {
      bot.log.warn({ actionId: action.action_id }, 'slack: share action without a usable value or channel');
      continue;
    }
    // A double click must not post twice.
    if (bot.dedupe.seen(`share:${payload.user.id}:${action.value}`)) continue;
    bot.jobs.run('slack share', () => shareAnswer(bot, { channel, user: payload.user.id, responseUrl: payload.response_url, ...share }));
  }
}

interface ShareRequest {
  channel: string;
  user: string;
  responseUrl?: string;
  id: string;
  question: string;
}

async function shareAnswer(bot: SlackBot, req: ShareRequest): Promise<void> {
  const log = bot.log.child({ slack: { share: req.id, channel: req.channel, user: req.user } });
  const cached = bot.answers.get(req.id);
  if (!cached) log.info('slack: shared answer no longer cached; asking again');
  let result;
  try {
    result = cached?.result ?? (await bot.ask.ask({ question: req.question }));
  } catch (err) {
    log.error({ err }, 'slack: answering a shared question failed');
    if (req.responseUrl) await bot.api.respond(req.responseUrl, { replace_original: false, response_type: 'ephemeral', ...noticeMessage(ERROR_TEXT) });
    return;
  }
  const message = answerMessage(result, { ...answerOptions(bot, req.question), askedBy: { user: req.user, question: req.question } });
  try {
    const { ts } = await bot.api.postMessage({ channel: req.channel, ...message });
    // Follow-ups @mentioning the bot in the shared answer's thread continue this conversation.
    if (ts) bot.threads.remember(threadKey(req.channel, ts), req.question, isCitedAnswer(result) ? result.answer : NOT_COVERED_TEXT);
  } catch (err) {
    const code = slackErrorCode(err);
    if (!req.responseUrl) throw err;
    if (code && NOT_MEMBER_CODES.has(code)) {
      // The interaction's response_url may post in the channel even where the bot is no member.
      log.warn({ code }, 'slack: bot not in the channel; sharing through response_url');
      await bot.api.respond(req.responseUrl, { response_type: 'in_channel', replace_original: false, ...message });
      await bot.api.respond(req.responseUrl, { delete_original: true });
      return;
    }
    log.error({ err, code }, 'slack: sharing failed');
    await bot.api.respond(req.responseUrl, { replace_original: false, ...noticeMessage(ERROR_TEXT), response_type: 'ephemeral' });
    return;
  }
  if (req.responseUrl) await bot.api.respond(req.responseUrl, { delete_original: true });
}
