// Block Kit messages for answers. Pure: plain answer data in, plain Slack payload out.
// Slack's limits (https://docs.slack.dev/reference/block-kit/blocks): 3,000 characters per section
// text, 10 elements per context block, 50 blocks per message; `text` is the notification and
// screen-reader fallback and must always be set.
import { LINK_SIGNATURE_PARAM, type LinkSigner } from '../../auth/link-signature.ts';
import type { Answer, Citation } from '../../rag/answers/answer-types.ts';
import { encodeFeedbackValue, feedbackBlock } from '../handlers/feedback.ts';
import { escapeMrkdwn, markdownToMrkdwn, splitText, truncate } from './mrkdwn.ts';

export const SECTION_MAX_CHARS = 3000;
export const CONTEXT_MAX_ELEMENTS = 10;
export const MESSAGE_MAX_BLOCKS = 50;
const FALLBACK_MAX_CHARS = 3000;
const SOURCE_MAX_CHARS = 500;

export const NOT_COVERED_TEXT = "The transcripts don't cover this question.";

export interface TextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  /** mrkdwn only: Slack then neither auto-links URLs nor parses names and mentions in the text. */
  verbatim?: boolean;
}
export type Block =
  | { type: 'section'; text: TextObject }
  | { type: 'context'; elements: TextObject[] }
  | { type: 'divider' }
  | { type: 'actions'; block_id?: string; elements: Array<{ type: 'button'; action_id: string; text: TextObject; value: string; style?: 'primary' }> };

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export type AnswerForSlack = Pick<Answer, 'answer' | 'answered' | 'citations' | 'seeAlso' | 'degraded'>;

export interface AnswerMessageOptions {
  /** Links each source to `${publicBaseUrl}/calls/{callId}#L{start}-L{end}` when set. */
  publicBaseUrl?: string;
  /** Shown above the answer (a shared answer says who asked what). */
  askedBy?: { user: string; question: string };
  /** Adds a "Share in channel" button whose value is this string (≤ 2,000 characters). */
  shareValue?: string;
  /** With API keys set, signs each source link so it opens without a key (link-signature.ts). */
  signLink?: LinkSigner;
  /** Adds Helpful / Not helpful buttons that report this question with the cited lines. */
  feedbackFor?: string;
}

export const SHARE_ACTION_ID = 'share_answer';

const lineRange = (c: Citation) => (c.startLine === c.endLine ? `L${c.startLine}` : `L${c.startLine}–L${c.endLine}`);

export function sourceLink(c: Citation, publicBaseUrl?: string, signLink?: LinkSigner): string {
  const label = escapeMrkdwn(`${c.file}:${lineRange(c)}`);
  if (!publicBaseUrl) return `\`${label}\``;
  const signed = signLink ? `?${LINK_SIGNATURE_PARAM}=${signLink(c.callId)}` : '';
  const url = `${publicBaseUrl.replace(/\/+$/, '')}/calls/${encodeURIComponent(c.callId)}${signed}#L${c.startLine}-L${c.endLine}`;
  return `<${url}|${label.replace(/\|/g, '/')}>`;
}

function sourceLine(c: Citation, marker: string, opts: AnswerMessageOptions): TextObject {
  const who = c.title ? `${c.speaker} (${c.title})` : c.speaker;
  const text = `${marker} ${escapeMrkdwn(truncate(`${who} · ${c.callTitle}`, SOURCE_MAX_CHARS))} · ${sourceLink(c, opts.publicBaseUrl, opts.signLink)}`;
  // Our own <url|label> still links under verbatim; speaker names and titles do not auto-link.
  return { type: 'mrkdwn', text, verbatim: true };
}

/** Context blocks of at most 10 elements each: a heading element, then one per source. */
function sourceBlocks(heading: string, items: TextObject[]): Block[] {
  const elements: TextObject[] = [{ type: 'mrkdwn', text: heading }, ...items];
  const blocks: Block[] = [];
  for (let i = 0; i < elements.length; i += CONTEXT_MAX_ELEMENTS) blocks.push({ type: 'context', elements: elements.slice(i, i + CONTEXT_MAX_ELEMENTS) });
  return blocks;
}

/** An answer is shown only when it cites something: an uncited claim is never posted. */
export const isCitedAnswer = (a: AnswerForSlack) => a.answered && a.citations.length > 0;

export function answerMessage(answer: AnswerForSlack, opts: AnswerMessageOptions = {}): SlackMessage {
  const head: Block[] = opts.askedBy
    ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`<@${opts.askedBy.user}> asked: ${escapeMrkdwn(opts.askedBy.question)}`, SECTION_MAX_CHARS) }] }]
    : [];
  const cited = isCitedAnswer(answer);
  const body = cited ? markdownToMrkdwn(answer.answer) : escapeMrkdwn(NOT_COVERED_TEXT);
  // Transcript words: no auto-links, no mentions, whatever a speaker said.
  const sections: Block[] = splitText(body, SECTION_MAX_CHARS).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } }));
  const sources = cited
    ? sourceBlocks('*Sources*', [...answer.citations].sort((a, b) => a.n - b.n).map((c) => sourceLine(c, `*[${c.n}]*`, opts)))
    : answer.seeAlso.length
      ? sourceBlocks('*See also*', answer.seeAlso.map((c) => sourceLine(c, '•', opts)))
      : [];
  const notes: Block[] = cited && answer.degraded
    ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'Answered by quoting the transcripts: the language model was unavailable.' }] }]
    : [];
  const actions: Block[] = opts.shareValue
    ? [{ type: 'actions', elements: [{ type: 'button', action_id: SHARE_ACTION_ID, text: { type: 'plain_text', text: 'Share in channel' }, value: opts.shareValue }] }]
    : [];
  const feedback = opts.feedbackFor !== undefined ? [feedbackBlock(encodeFeedbackValue(opts.feedbackFor, cited ? answer.citations : []))] : [];
  const blocks = fitBlocks(head, sections, sources, [...notes, ...actions, ...feedback]);
  return { text: truncate(cited ? body : NOT_COVERED_TEXT, FALLBACK_MAX_CHARS), blocks };
}

/** A short message (errors, notices) as one section with the same text as its fallback. */
export function noticeMessage(text: string): SlackMessage {
  const escaped = escapeMrkdwn(truncate(text, SECTION_MAX_CHARS));
  return { text: escaped, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escaped } }] };
}

/**
 * Keeps a message within 50 blocks: the head and tail always fit; sources give way first (the
 * first source blocks stay), then answer sections, the last kept one marked as cut.
 */
function fitBlocks(head: Block[], sections: Block[], sources: Block[], tail: Block[]): Block[] {
  const room = MESSAGE_MAX_BLOCKS - head.length - tail.length;
  const keptSources = sources.slice(0, Math.max(1, room - Math.min(sections.length, room - 1)));
  const sectionRoom = room - keptSources.length;
  if (sections.length <= sectionRoom) return [...head, ...sections, ...keptSources, ...tail];
  const kept = sections.slice(0, sectionRoom);
  const last = kept[kept.length - 1] as { type: 'section'; text: TextObject };
  kept[kept.length - 1] = { type: 'section', text: { type: 'mrkdwn', text: `${truncate(last.text.text, SECTION_MAX_CHARS - 30)}\n_(answer cut to fit Slack)_`, verbatim: true } };
  return [...head, ...kept, ...keptSources, ...tail];
}
