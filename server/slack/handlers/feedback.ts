// Helpful / Not helpful under every answer. A click is logged with the question and the lines the
// answer cited, which is what a maintainer needs to see why an answer missed. The button value
// carries both (Slack caps it at 2,000 characters), so feedback survives a restart.
import type { Citation } from '../../rag/answers/answer-types.ts';
import { BUTTON_VALUE_MAX } from '../state/answer-cache.ts';
import type { Block } from '../messages/blocks.ts';
import type { SlackBot } from '../bot.ts';
import type { BlockActions } from '../http/payloads.ts';

export const FEEDBACK_ACTIONS = { feedback_helpful: 'helpful', feedback_not_helpful: 'not_helpful' } as const;
type FeedbackActionId = keyof typeof FEEDBACK_ACTIONS;

export interface Feedback {
  question: string;
  /** `file:Lstart-Lend` of each citation, in citation order. */
  cited: string[];
}

const QUESTION_MAX = 500;
const citedLines = (c: Citation) => `${c.file}:L${c.startLine}-L${c.endLine}`;

export function encodeFeedbackValue(question: string, citations: readonly Citation[]): string {
  const value: { q: string; c: string[] } = { q: question.slice(0, QUESTION_MAX), c: [] };
  for (const c of citations) {
    const next = { ...value, c: [...value.c, citedLines(c)] };
    if (JSON.stringify(next).length > BUTTON_VALUE_MAX) break;
    value.c = next.c;
  }
  return JSON.stringify(value);
}

export function decodeFeedbackValue(value: string | undefined): Feedback | undefined {
  try {
    const parsed = JSON.parse(value ?? '') as { q?: unknown; c?: unknown };
    if (typeof parsed.q === 'string' && Array.isArray(parsed.c)) return { question: parsed.q, cited: parsed.c.filter((c): c is string => typeof c === 'string') };
  } catch {
    // not ours
  }
  return undefined;
}

export function feedbackBlock(value: string): Block {
  return {
    type: 'actions',
    block_id: 'answer_feedback',
    elements: [
      { type: 'button', action_id: 'feedback_helpful', text: { type: 'plain_text', text: ':thumbsup: Helpful' }, value },
      { type: 'button', action_id: 'feedback_not_helpful', text: { type: 'plain_text', text: ':thumbsdown: Not helpful' }, value },
    ],
  };
}

export const isFeedbackAction = (actionId: string): actionId is FeedbackActionId => actionId in FEEDBACK_ACTIONS;

/** Logs the feedback and thanks the person who gave it (only they see the thanks). */
export function handleFeedback(bot: SlackBot, payload: BlockActions, action: { action_id: FeedbackActionId; value?: string }): void {
  const feedback = decodeFeedbackValue(action.value);
  if (!feedback) {
    bot.log.warn({ actionId: action.action_id }, 'slack: feedback without a usable value');
    return;
  }
  const channel = payload.channel?.id ?? payload.container?.channel_id;
  bot.log.info({ feedback: FEEDBACK_ACTIONS[action.action_id], question: feedback.question, cited: feedback.cited, user: payload.user.id, channel }, 'slack answer feedback');
  const responseUrl = payload.response_url;
  if (responseUrl) {
    bot.jobs.run('slack feedback thanks', () =>
      bot.api.respond(responseUrl, { response_type: 'ephemeral', replace_original: false, text: 'Thanks — your feedback was recorded.' }),
    );
  }
}
