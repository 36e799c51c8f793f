// Multi-turn: a follow-up ("and the CFO?", "what about Q4?", "why?") is rewritten into a
// standalone query before retrieval, which sees one query and no history. Offline, a
// deterministic rewrite carries over the earlier question's slots the follow-up leaves open;
// with an LLM configured, the rewrite prompt does it, and any failure falls back to the former.
// The LLM is only asked when isFollowUp says so: standalone questions cost no extra call.
import type { ChatModel } from '../../llm/chat-model.ts';
import { toLlmError } from '../../llm/llm-error.ts';
import { questionParts, speakerNameWords, type QuestionParts } from './followup-parts.ts';
import type { PromptTemplates } from '../llm-answers/prompt-templates.ts';

export interface ConversationMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface Rewrite {
  query: string;
  method: 'unchanged' | 'deterministic' | 'llm';
  /** Why an LLM rewrite was not used, e.g. `llm_timeout`. */
  fallbackReason?: string;
}

export interface RewriteOptions {
  /** Names of speakers in the index, so "and what did Tim say?" counts as naming someone. */
  speakers?: readonly string[];
  model?: ChatModel;
  templates?: PromptTemplates;
  signal?: AbortSignal;
  today?: string;
}

const CONNECTIVE = /^\s*(?:and|but|so|also|then|plus|ok(?:ay)?|what about|how about|what else|anything else|same for)\b[\s,:]*/i;
const LEAD = /^\s*(?:(?:and|but|so|also|then|plus|ok(?:ay)?)\b[\s,:]*)*(?:(?:what|how)\s+about\b[\s,:]*)?/i;
const MAX_WORDS_REFERRING = 10;
const HISTORY_TURNS = 6;
const ASSISTANT_CHARS = 300;

const userTurns = (messages: readonly ConversationMessage[]) => messages.filter((m) => m.role === 'user' && m.content.trim()).map((m) => m.content.trim());

/** Whether a question leans on the conversation before it (only meaningful when there is one). */
export function isFollowUp(question: string, speakers: ReadonlySet<string> = new Set()): boolean {
  if (CONNECTIVE.test(question)) return true;
  const parts = questionParts(question, speakers);
  if (parts.topic.length === 0) return true;
  return parts.referring && question.trim().split(/\s+/).length <= MAX_WORDS_REFERRING;
}

/** Deterministic rewrite: each earlier user turn is made standalone in order, then the follow-up. */
export function rewriteFollowUpDeterministic(question: string, messages: readonly ConversationMessage[], speakers: readonly string[] = []): string {
  const names = speakerNameWords(speakers);
  let standalone: string | undefined;
  // Only the last few questions: a conversation's older turns rarely shape a follow-up, and the
  // work must not grow with the history's length.
  for (const turn of [...userTurns(messages).slice(-HISTORY_TURNS), question]) {
    standalone = standalone !== undefined && isFollowUp(turn, names) ? merge(standalone, turn, names) : turn.trim();
  }
  return standalone ?? question.trim();
}

function merge(previous: string, followUp: string, names: ReadonlySet<string>): string {
  const prev = questionParts(previous, names);
  const core = followUp.replace(LEAD, '').trim();
  const next = questionParts(core, names);
  const slotsOnly = next.topic.length === 0 && !next.referring;
  if (slotsOnly && next.who.length + next.when.length === 0) return `${previous} ${followUp.trim()}`; // "why?", "how so?"
  if (slotsOnly) return substitute(previous, prev, next); // "and the CFO?", "what about Q4?"
  // A new topic keeps the earlier who and when; a referring one ("why did it drop?") also its topic.
  const carried = [...(next.referring ? prev.topic : []), ...(next.who.length ? [] : prev.who), ...(next.when.length ? [] : prev.when)];
  const body = core.replace(/[?.!\s]+$/, '');
  return carried.length ? `${body} — ${carried.join(' ')}?` : `${body}?`;
}

/** The earlier question with its who/when swapped for the follow-up's (or them added). */
function substitute(previous: string, prev: QuestionParts, next: QuestionParts): string {
  let out = previous.replace(/[?.!\s]+$/, '');
  const swap = (olds: string[], news: string[], add: (s: string) => string) => {
    if (news.length === 0) return;
    if (olds.length === 0) {
      out = `${out}${add(news.join(' and '))}`;
      return;
    }
    // The first old phrase takes the new one's place; further old ones go.
    olds.forEach((old, i) => (out = out.replace(old, i === 0 ? news.join(' and ') : '')));
    out = out.replace(/\s{2,}/g, ' ').trim();
  };
  swap(prev.who, next.who, (who) => ` according to ${who}`);
  swap(prev.when, next.when, (when) => ` in ${when}`);
  return `${out}?`;
}

/** The standalone query for a question in a conversation; never throws for an LLM failure. */
export async function rewriteFollowUp(question: string, messages: readonly ConversationMessage[], opts: RewriteOptions = {}): Promise<Rewrite> {
  const names = speakerNameWords(opts.speakers ?? []);
  if (userTurns(messages).length === 0 || !isFollowUp(question, names)) return { query: question.trim(), method: 'unchanged' };
  const deterministic = () => rewriteFollowUpDeterministic(question, messages, opts.speakers);
  if (!opts.model || !opts.templates) return { query: deterministic(), method: 'deterministic' };
  const signal = opts.signal ?? AbortSignal.timeout(10_000);
  try {
    const today = opts.today ?? new Date().toISOString().slice(0, 10);
    const reply = await opts.model.complete(
      [
        { role: 'system', content: opts.templates.rewriteSystem.render({ today }) },
        { role: 'user', content: opts.templates.rewriteUser.render({ history: formatHistory(messages), followup: question.trim(), today }) },
      ],
      { signal },
    );
    const query = cleanRewrite(reply);
    if (query) return { query, method: 'llm' };
    return { query: deterministic(), method: 'deterministic', fallbackReason: 'llm_bad_response' };
  } catch (caught) {
    const error = toLlmError(caught, signal);
    if (error.kind === 'aborted') throw error;
    return { query: deterministic(), method: 'deterministic', fallbackReason: `llm_${error.kind === 'upstream' ? 'error' : error.kind}` };
  }
}

export function formatHistory(messages: readonly ConversationMessage[]): string {
  return messages
    .slice(-HISTORY_TURNS)
    .map((m) => {
      const text = m.content.trim().replace(/\s+/g, ' ');
      return m.role === 'user' ? `User: ${text}` : `Assistant: ${text.length > ASSISTANT_CHARS ? `${text.slice(0, ASSISTANT_CHARS)}…` : text}`;
    })
    .join('\n');
}

/** The first line of the reply, without a label or quotes; undefined when it is not a plausible query. */
function cleanRewrite(reply: string): string | undefined {
  const line = reply.split('\n').map((l) => l.trim()).find(Boolean);
  const query = line?.replace(/^(?:standalone question|question|rewritten)\s*:\s*/i, '').replace(/^["'“”]+|["'“”]+$/g, '').trim();
  return query && query.length >= 3 && query.length <= 400 ? query : undefined;
}
