// "Speaker: text" transcripts (meeting notes, podcast and call exports), optionally timed:
// `Jane Doe (00:01:02): text`, `[00:01:02] Jane Doe: text`, `00:01:02 Jane Doe: text`, or an
// Otter-style `Jane Doe  0:02` line with the words on the lines below.
import type { ParsedTranscript, RawTurn } from '../types.ts';
import { endsLikeSentence, requireTurns, sameSpeaker } from './lines.ts';
import { isMostlyNonLatin, wordCount } from './script.ts';
import { isPersonName, ROLE_WORD } from './speaker-label.ts';
import { parseTimestamp } from './captions/timestamps.ts';

const TS = String.raw`\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
const LABEL = String.raw`[^:\[\]]{1,80}?`;
const PATTERNS = [
  new RegExp(String.raw`^[\[(]?(?<time>${TS})[\])]?\s*[-–]?\s*(?<label>${LABEL}):\s*(?<text>.*)$`),
  new RegExp(String.raw`^(?<label>${LABEL})\s*[\[(](?<time>${TS})[\])]\s*:?\s*(?<text>.*)$`),
  new RegExp(String.raw`^(?<label>${LABEL})\s+(?<time>${TS})\s*$`),
  new RegExp(String.raw`^(?<label>${LABEL}):\s*(?<text>.*)$`),
];

interface Candidate {
  name: string;
  title?: string;
  time?: number;
  text: string;
}

/** `Jane Doe (CFO)`, `Jane Doe, CFO`, `Jane Doe - CFO` or just `Jane Doe`. */
function splitLabel(label: string): { name: string; title?: string } {
  const m = /^(.+?)\s*(?:\(([^)]+)\)|,\s*(.+)| (?:-|–|—) (.+))$/.exec(label);
  if (m && wordCount(m[1]) <= 6) return { name: m[1].trim(), title: (m[2] ?? m[3] ?? m[4]).trim() };
  return { name: label.trim() };
}

function clean(line: string): string {
  // Markdown bold labels (**Jane:**) and broadcast ">>" markers carry no meaning here.
  return line.trim().replace(/\*\*|__/g, '').replace(/^>>\s*/, '');
}

export function matchSpeakerLine(raw: string): Candidate | undefined {
  const line = clean(raw);
  for (const pattern of PATTERNS) {
    const g = pattern.exec(line)?.groups;
    if (!g) continue;
    const { name, title } = splitLabel(g.label);
    if (!isPersonName(name, { allowSingle: true }) || (title && endsLikeSentence(title))) continue;
    const time = g.time ? parseTimestamp(g.time) : undefined;
    return { name, title, time, text: (g.text ?? '').trim() };
  }
  return undefined;
}

/**
 * A label is trusted when it looks like a full name, carries a timestamp, is a role word, or
 * recurs: "Note: ..." once inside prose is text, "Q:" on every other line is a speaker.
 */
function trusted(c: Candidate, counts: Map<string, number>): boolean {
  if (c.time !== undefined || ROLE_WORD.test(c.name)) return true;
  return c.name.split(/\s+/).length >= 2 || (counts.get(c.name.toLowerCase()) ?? 0) >= 2;
}

export function countSpeakerLines(lines: string[]): number {
  return lines.filter((l) => matchSpeakerLine(l) !== undefined).length;
}

export function parseSpeakerColon(lines: string[], file: string): ParsedTranscript {
  const candidates = lines.map(matchSpeakerLine);
  const counts = new Map<string, number>();
  for (const c of candidates) if (c) counts.set(c.name.toLowerCase(), (counts.get(c.name.toLowerCase()) ?? 0) + 1);

  const turns: RawTurn[] = [];
  let current: RawTurn | undefined;
  let title: string | undefined;
  let pendingTime: number | undefined;

  lines.forEach((raw, i) => {
    const line = clean(raw);
    if (!line || isMostlyNonLatin(line)) return;
    const c = candidates[i];
    if (c && trusted(c, counts)) {
      if (!current || !sameSpeaker(current.speaker, c.name)) {
        current = { speaker: c.name, title: c.title, headerLine: i + 1, paragraphs: [] };
        turns.push(current);
      }
      pendingTime = c.time;
      if (c.text) {
        current.paragraphs.push({ line: i + 1, text: c.text, ...(c.time !== undefined && { startTime: c.time }) });
        pendingTime = undefined;
      }
      return;
    }
    const bareTime = parseTimestamp(line.replace(/^[\[(]|[\])]$/g, ''));
    if (bareTime !== undefined) {
      pendingTime = bareTime;
      return;
    }
    if (!current) {
      if (turns.length === 0 && title === undefined && wordCount(line) <= 20 && !endsLikeSentence(line)) {
        title = line;
        return;
      }
      current = { speaker: 'Unknown', paragraphs: [] };
      turns.push(current);
    }
    current.paragraphs.push({ line: i + 1, text: line, ...(pendingTime !== undefined && { startTime: pendingTime }) });
    pendingTime = undefined;
  });

  const kept = requireTurns(turns, file, lines, 'expected lines such as "Jane Doe: text"');
  return { format: 'speaker-colon', title, turns: kept };
}
