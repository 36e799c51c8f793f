// Splits a question into the slots a follow-up can change: who (roles, titles, known speakers),
// when (periods) and what (topic words). Plain text in, plain data out; no index needed.
import { isStopWord } from '../../../ingest/text/stop-words.ts';
import { FRAMING_WORDS } from '../answers/framing-words.ts';

export interface QuestionParts {
  who: string[];
  when: string[];
  topic: string[];
  /** Refers back to something earlier ("it", "they", "that"). */
  referring: boolean;
}

export const ROLE_PHRASE =
  /\b(?:the\s+)?(?:ceo|cfo|coo|cto|cro|cmo|cpo|chief\s+\w+\s+officer|co-?founder|founder|president|chair(?:man|woman)?|head of ir|investor relations|management(?:\s+team)?|executives?|leadership(?:\s+team)?|analysts?|the operator)\b/gi;
export const PERIOD_PHRASE =
  /\b(?:q[1-4](?:\s*(?:fy|fiscal)?\s*'?\d{2,4})?|fy\s*'?\d{2,4}|h[12](?:\s*fy\s*'?\d{2,4})?|(?:first|second|third|fourth)\s+quarter|full[- ]year|fiscal(?:\s+year)?\s+\d{4}|(?:19|20)\d{2}|(?:this|last|next|prior|previous|same)\s+(?:quarter|year))\b/gi;
// "this quarter" is a period, not a reference back; only bare pronouns refer.
const REFERRING = /\b(?:it|its|they|them|their|he|she|him|his|her|those|these|(?:this|that)(?!\s+(?:quarter|year|month|week|call|period)))\b/i;
// Words that frame a question (asking, saying) rather than name its subject.
const FRAMING = new Set(`${FRAMING_WORDS} saying commented add added explained described share shared note noted anything else more why how what who when where which`.split(' '));

const words = (text: string) => text.match(/[\p{L}\p{N}][\p{L}\p{N}'’&.-]*/gu)?.map((w) => w.replace(/[.'’]+$/, '')) ?? [];

export function questionParts(question: string, speakerNames: ReadonlySet<string> = new Set()): QuestionParts {
  const who: string[] = [];
  const when: string[] = [];
  const rest = question.replace(ROLE_PHRASE, (m) => (who.push(m.trim()), ' ')).replace(PERIOD_PHRASE, (m) => (when.push(m.trim()), ' '));
  const topic: string[] = [];
  let name: string[] = [];
  const flushName = () => void (name.length && who.push(name.join(' ')), (name = []));
  for (const word of words(rest)) {
    const lower = word.toLowerCase();
    if (speakerNames.has(lower)) {
      name.push(word);
      continue;
    }
    flushName();
    if (!isStopWord(lower) && !FRAMING.has(lower) && !/^[\p{P}]+$/u.test(word)) topic.push(word);
  }
  flushName();
  return { who, when, topic, referring: REFERRING.test(question) };
}

/** Lower-cased parts of speaker names that are safe to spot in a question (no short or common words). */
// The speaker list is the index's, the same array on every request: its words are worked out once.
const nameWordsCache = new WeakMap<readonly string[], Set<string>>();

export function speakerNameWords(speakers: readonly string[]): Set<string> {
  const cached = nameWordsCache.get(speakers);
  if (cached) return cached;
  const out = new Set<string>();
  for (const s of speakers) {
    for (const w of words(s)) if (w.length > 2 && !isStopWord(w.toLowerCase())) out.add(w.toLowerCase());
  }
  nameWordsCache.set(speakers, out);
  return out;
}
