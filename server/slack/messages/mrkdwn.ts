// Slack's mrkdwn is not Markdown: bold is *x*, italic _x_, links <url|label>, and &, <, > must be
// escaped or Slack reads them as control sequences (a stray "<!channel>" would ping everyone).

export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Markdown as an LLM writes it → Slack mrkdwn. Citation markers like [3] pass through unchanged.
 * Answers quote transcripts, so no text of theirs may become a link: a Markdown link is shown as
 * its label and its address in plain sight ("the deck (https://…)"), never as a `<url|label>` that
 * hides where it goes (a speaker's "[the zebra deck](https://evil.example)" once did). Sections
 * holding this text are also sent `verbatim`, so Slack does not auto-link or parse mentions in it.
 */
export function markdownToMrkdwn(markdown: string): string {
  let s = escapeMrkdwn(markdown);
  s = s.replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) => `${label} (${url})`);
  s = s.replace(/^(\s*)[-*+]\s+/gm, '$1• ');
  // Single-star italics first, so the bold rewrite below cannot be mistaken for them.
  s = s.replace(/(?<![*\w])\*(?!\*)([^*\n]+?)(?<!\*)\*(?![*\w])/g, '_$1_');
  s = s.replace(/\*\*(?=\S)([^\n]+?)(?<=\S)\*\*/g, '*$1*');
  s = s.replace(/(?<!\w)__(?=\S)([^\n]+?)(?<=\S)__(?!\w)/g, '*$1*');
  s = s.replace(/^#{1,6}\s+(.+?)\s*#*$/gm, '*$1*');
  return s;
}

/**
 * Splits text into pieces of at most `max` characters, breaking at the last paragraph or line
 * break, else sentence end, else space before the limit; a hard cut only for a run without any.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = lastBreak(window, /\n\s*\n/g) ?? lastBreak(window, /\n/g) ?? lastBreak(window, /[.!?][)"'\]]*\s/g) ?? lastBreak(window, /\s/g) ?? max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** The index just after the last match in the window (a match at its very start does not count). */
function lastBreak(window: string, pattern: RegExp): number | undefined {
  let found: number | undefined;
  for (const m of window.matchAll(pattern)) if (m.index > 0) found = m.index + m[0].length;
  return found;
}

/** Cuts to at most `max` characters, on a word boundary when one is near, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${space > max * 0.6 ? head.slice(0, space) : head}…`;
}
