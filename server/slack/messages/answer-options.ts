import type { AnswerMessageOptions } from './blocks.ts';
import type { SlackBot } from '../bot.ts';

/** What every answer message of the bot carries: working source links and feedback buttons. */
export const answerOptions = (bot: SlackBot, question: string): AnswerMessageOptions => ({
  publicBaseUrl: bot.publicBaseUrl,
  signLink: bot.signLink,
  feedbackFor: question,
});
