// What a speaker label looks like, shared by every parser. The shape is what matters: a short
// run of capitalised name words, without sentence punctuation. "Great." or "Thanks, Dustin."
// are paragraphs, "Dustin A. Moskovitz" and "Unidentified Analyst" are speakers.

const NAME_WORD = /^[\p{Lu}\p{Lt}][\p{L}\p{M}'’-]*$/u; // Moskovitz, O'Brien, Jean-Luc, McDonald
const INITIALS = /^(?:\p{Lu}\.)+(?:\p{Lu})?$|^\p{Lu}$/u; // A.  J.P.  J
const HONORIFIC = /^(?:Dr|Mr|Mrs|Ms|Mx|Prof|Sir|Dame|Rev|Hon)\.?$/;
const SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV|PhD|CFA|CPA|MD)$/;
const PARTICLE = new Set(['de', 'da', 'di', 'del', 'della', 'der', 'den', 'van', 'von', 'la', 'le', 'du', 'dos', 'das', 'bin', 'ibn', 'al', 'el', 'ter', 'ten', 'y']);
const NUMBER = /^\d{1,3}$/; // "Speaker 1", "Participant 2"
const SAINT = /^(?:St|Ste)\.$/; // "Marc St. Pierre", "Marie Ste. Croix"

/** Words that start short paragraphs or name document sections, never people. */
const NOT_NAME = new Set([
  'yes', 'no', 'okay', 'ok', 'great', 'thanks', 'thank', 'you', 'sure', 'right', 'hello', 'hi',
  'hey', 'good', 'morning', 'afternoon', 'evening', 'well', 'so', 'and', 'but', 'got', 'it',
  'all', 'sounds', 'perfect', 'absolutely', 'correct', 'exactly', 'agreed', 'bye', 'note',
  'next', 'question', 'questions', 'answer', 'answers', 'welcome', 'cheers', 'congrats',
  'congratulations', 'please', 'oh', 'wow', 'indeed', 'session', 'presentation', 'prepared',
  'remarks', 'conference', 'call', 'participants', 'executives', 'analysts', 'corporate',
  'earnings', 'transcript', 'disclaimer', 'copyright', 'the', 'this', 'that', 'understood',
  'fantastic', 'awesome', 'excellent', 'definitely', 'certainly', 'agenda', 'summary', 'action',
  'items', 'update', 'updates', 'example', 'warning', 'important', 'subject', 'source', 'date',
  'time', 'location', 'attendees', 'quarter', 'fiscal', 'year', 'results', 'or', 'of',
  // Meeting-note headings that take a colon like a speaker label does.
  'key', 'takeaways', 'steps', 'decisions', 'notes', 'topics', 'highlights', 'background',
  'overview', 'outcome', 'outcomes', 'owner', 'owners', 'status', 'risks', 'blockers', 'goals',
]);

/** Speakers named by their part in the call rather than by name. */
export const ROLE_WORD = /^(?:Operator|Moderator|Host|Co-?Host|Coordinator|Presenter|Facilitator|Interviewer|Interviewee|Narrator|Unknown|Speaker|Participant|Audience|Caller)$/i;

function isNameToken(token: string, first: boolean): boolean {
  if (INITIALS.test(token) || HONORIFIC.test(token)) return true;
  if (!first && (SUFFIX.test(token) || NUMBER.test(token) || PARTICLE.has(token) || SAINT.test(token))) return true;
  if (!NAME_WORD.test(token)) return false;
  return token.split(/[-'’]/).every((part) => !NOT_NAME.has(part.toLowerCase()));
}

/**
 * A personal name or a speaker stand-in such as "Unidentified Analyst" or "Speaker 2".
 * One-word labels need `allowSingle` (they are only safe where a colon or a doubled line
 * already says "speaker"), except role words such as "Operator".
 */
export function isPersonName(text: string, options: { allowSingle?: boolean } = {}): boolean {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || tokens.length > 6) return false;
  if (tokens.length === 1 && !options.allowSingle && !ROLE_WORD.test(tokens[0])) return false;
  if (!tokens.every((token, i) => isNameToken(token, i === 0))) return false;
  // At least one real word, so "A. B." is not a name; a lone "Q" or "A" is an interview label.
  if (tokens.length === 1 && /^\p{Lu}$/u.test(tokens[0])) return Boolean(options.allowSingle);
  return tokens.some((t) => NAME_WORD.test(t) && t.length > 1);
}

const TITLE_DASH = / (?:-{1,2}|–|—) /;

/**
 * `Name - Title` (split on the first dash; titles may hold commas and '&'), or `Name, Title`
 * when the name has at least two words ("Thanks, Dustin" is not a header).
 */
export function splitNameTitle(line: string): { name: string; title: string } | undefined {
  if (line.length > 220) return undefined; // a paragraph, not a header
  const m = TITLE_DASH.exec(line) ?? /, /.exec(line);
  if (!m) return undefined;
  if (m[0] === ', ' && line.slice(0, m.index).trim().split(/\s+/).length < 2) return undefined;
  const name = line.slice(0, m.index).trim();
  const title = line.slice(m.index + m[0].length).trim();
  if (!title || title.length > 160 || title.split(/\s+/).length > 18) return undefined;
  if (/[?!:"“”]/.test(title) || /[.?!]$/.test(title) && !/\b(?:Inc|Co|Corp|Ltd|LLC|Jr|Sr)\.$/.test(title)) return undefined;
  if (!/^[\p{Lu}\p{N}(]/u.test(title)) return undefined;
  if (!isPersonName(name)) return undefined;
  return { name, title };
}
