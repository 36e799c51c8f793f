// Answers a question asked in a channel thread (@mention) or a DM, in the same place: a reaction
// on the question shows work in progress, the answer is posted in the thread, the thread's
// memory makes the next question there a follow-up.
import { answerOptions } from '../messages/answer-options.ts';
import { isCitedAnswer, answerMessage, noticeMessage, NOT_COVERED_TEXT } from '../messages/blocks.ts';
import type { SlackBot } from '../bot.ts';
import { slackErrorCode } from '../client.ts';
import { threadKey } from '../state/thread-memory.ts';

export const PROGRESS_REACTION = 'hourglass_flowing_sand';
export const EMPTY_QUESTION_TEXT = 'Ask me a question about the calls, e.g. "What was free cash flow in the fourth quarter?"';
export const ERROR_TEXT = 'Sorry, something went wrong while answering that. Please try again in a moment.';

export interface ConversationQuestion {
  channel: string;
  /** The question message's ts. */
  ts: string;
  /** Where to answer: the thread the question is in or starts; undefined posts at the top of a DM. */
  threadTs?: string;
  question: string;
  user?: string;
}

export async function answerInConversation(bot: SlackBot, q: ConversationQuestion): Promise<void> {
  const { channel, threadTs } = q;
  const log = bot.log.child({ slack: { channel, ts: q.ts, threadTs } });
  if (!q.question) {
    await bot.api.postMessage({ channel, thread_ts: threadTs, ...noticeMessage(EMPTY_QUESTION_TEXT) });
    return;
  }
  const reaction = { channel, timestamp: q.ts, name: PROGRESS_REACTION };
  const reacted = await bot.api.addReaction(reaction).then(
    () => true,
    (err: unknown) => (log.warn({ err, code: slackErrorCode(err) }, 'could not add the progress reaction'), false),
  );
  try {
    const key = threadKey(channel, threadTs);
    const result = await bot.ask.ask({ question: q.question, messages: bot.threads.history(key) });
    log.info({ answered: result.answered, mode: result.mode, degraded: result.degraded, citations: result.citations.length, tookMs: result.tookMs }, 'slack question answered');
    await bot.api.postMessage({ channel, thread_ts: threadTs, ...answerMessage(result, answerOptions(bot, q.question)) });
    bot.threads.remember(key, q.question, isCitedAnswer(result) ? result.answer : NOT_COVERED_TEXT);
  } catch (err) {
    await reportError(bot, q, err);
  } finally {
    if (reacted) await bot.api.removeReaction(reaction).catch((err: unknown) => log.warn({ err }, 'could not remove the progress reaction'));
  }
}

async function reportError(bot: SlackBot, q: ConversationQuestion, err: unknown): Promise<void> {
  const code = slackErrorCode(err);
  const log = bot.log.child({ slack: { channel: q.channel, ts: q.ts, code } });
  if (code === 'not_in_channel' || code === 'channel_not_found' || code === 'is_archived') {
    // Nowhere to say it: the bot cannot post in this conversation.
    log.warn({ err }, 'slack: cannot post the answer in this conversation; invite the bot to the channel');
    return;
  }
  log.error({ err }, 'slack: answering failed');
  await bot.api
    .postMessage({ channel: q.channel, thread_ts: q.threadTs, ...noticeMessage(ERROR_TEXT) })
    .catch((postErr: unknown) => log.error({ err: postErr }, 'slack: could not post the error notice either'));
}
