// Reads the [n] citation markers of an answer text. Models write them in many shapes; only
// [n], [n, m] and runs of those ([n][m]) are citations. Anything else that looks like a marker
// ([0], [99], [abc], [^1], 【1】, [Source 2]) is removed, so no reader sees a citation that does
// not point at a source. Square brackets holding ordinary prose ("[the company]") are kept.

/**
 * Transcript text rewritten so it cannot be read as markers: "as shown on slide [2] … footnote
 * [1]" becomes "slide (2) … footnote (1)". Citation markers are the answerer's alone; applied to
 * every quote put in an answer and to the passages shown to the LLM (and checked against), so
 * the API, the page, Slack and the CLI never take a speaker's bracket for a citation.
 */
// (Most text holds no bracket at all: the regex runs only on text that does.)
export const defuseMarkers = (text: string): string => (text.includes('[') ? text.replace(/\[(\s*\d+(?:\s*[,;]\s*\d+)*\s*)\]/g, '($1)') : text);

/** An accepted marker: the source numbers it cites, in the text at `start`. */
export interface Marker {
  start: number;
  end: number;
  sources: number[];
}

export interface ParsedMarkers {
  /** The text with accepted markers replaced by `\uE000…\uE001` placeholders and bad ones cut. */
  text: string;
  removed: string[];
}

const ACCEPT_OPEN = '\uE000';
const ACCEPT_CLOSE = '\uE001';
const KEEP_OPEN = '\uE002';
const KEEP_CLOSE = '\uE003';
const CUT = '\uE004';

const INNERMOST = /\[([^[\]\n]{0,60})\]/g;
/** What a bracket holds when it is a citation: source numbers, comma- or semicolon-separated. */
export const NUMBER_LIST = /^\s*\d+(?:\s*[,;]\s*\d+)*\s*$/;
const SOURCE_WORD = /^\s*(?:sources?|src|refs?|references?|docs?|documents?|chunks?|passages?|citations?|cite)\b/i;
const FULLWIDTH = /【[^】\n]{0,40}】|［[^］\n]{0,40}］|〔[^〕\n]{0,40}〕/g;

/** Accepts valid markers (numbers 1..sourceCount) as placeholders and removes malformed ones. */
export function parseMarkers(input: string, sourceCount: number): ParsedMarkers {
  const removed: string[] = [];
  const cut = (raw: string) => {
    removed.push(raw);
    return CUT;
  };
  let text = input.replace(FULLWIDTH, cut);
  let changed = true;
  while (changed) {
    changed = false;
    text = text.replace(INNERMOST, (raw: string, content: string) => {
      changed = true;
      if (NUMBER_LIST.test(content)) {
        const numbers = content.split(/[,;]/).map((s) => Number(s.trim()));
        const valid = numbers.filter((n) => Number.isInteger(n) && n >= 1 && n <= sourceCount);
        for (const n of numbers) if (!valid.includes(n)) removed.push(`[${n}]`);
        return valid.length ? `${ACCEPT_OPEN}${valid.join(',')}${ACCEPT_CLOSE}` : CUT;
      }
      // "[[1]]", "[[1], [2]]", "[see [1]]": a wrapper around accepted markers adds nothing.
      if (content.includes(ACCEPT_OPEN)) return (content.match(/\uE000[\d,]*\uE001/g) ?? []).join('');
      const bare = content.replace(/[\uE000-\uE004]/g, '');
      if (SOURCE_WORD.test(bare) || /^[^\s]{0,20}$/.test(bare.trim()) || /^\s*\^/.test(bare)) return cut(raw.replace(/[\uE000-\uE004]/g, ''));
      return `${KEEP_OPEN}${content}${KEEP_CLOSE}`;
    });
  }
  text = text.replaceAll(KEEP_OPEN, '[').replaceAll(KEEP_CLOSE, ']');
  return { text: tidyCuts(text), removed };
}

// A cut marker leaves its surrounding spaces behind: "grew 26% [9]." must read "grew 26%.".
function tidyCuts(text: string): string {
  const run = `(?:${CUT}[ \\t]*)+`;
  return text
    .replace(new RegExp(`[ \\t]*${run}(?=[.,;:!?)]|$)`, 'gm'), '')
    .replace(new RegExp(`([ \\t])${run}`, 'g'), '$1')
    .replace(new RegExp(run, 'g'), '');
}

/** The accepted markers of a parsed text, in order. */
export function acceptedMarkers(parsed: string): Marker[] {
  const re = new RegExp(`${ACCEPT_OPEN}([\\d,]*)${ACCEPT_CLOSE}`, 'g');
  return [...parsed.matchAll(re)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    sources: m[1].split(',').filter(Boolean).map(Number),
  }));
}

/** Removes placeholders, leaving the plain prose (for reading claims). */
export function stripPlaceholders(parsed: string): string {
  return parsed.replace(new RegExp(`${ACCEPT_OPEN}[\\d,]*${ACCEPT_CLOSE}`, 'g'), '');
}
