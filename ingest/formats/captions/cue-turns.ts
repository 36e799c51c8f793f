// Caption cues → speaker turns. The speaker comes from a `<v Name>` voice tag (Teams, with or
// without `</v>`) or a `Name:` prefix (Zoom); cues without either belong to 'Unknown'.
// Consecutive cues of one speaker merge into one turn; each cue stays its own paragraph.
import type { Paragraph, RawTurn } from '../../types.ts';
import type { Cue } from './cue-reader.ts';
import { sameSpeaker } from '../lines.ts';
import { isMostlyNonLatin } from '../script.ts';
import { isPersonName } from '../speaker-label.ts';

const VOICE = /^<v(?:\.[\w.-]+)?\s+([^>]+)>/i;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lrm: '', rlm: '' };

export function stripTags(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|[a-z]+);/gi, (all, name: string) =>
      name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (ENTITIES[name.toLowerCase()] ?? all),
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** The speaker a cue line names, and the words after it. */
function splitSpeaker(raw: string): { speaker?: string; text: string } {
  const voice = VOICE.exec(raw);
  if (voice) return { speaker: voice[1].trim(), text: stripTags(raw.slice(voice[0].length)) };
  const text = stripTags(raw).replace(/^>>\s*/, '');
  const prefix = /^([^:]{1,60}?):\s+(.*)$/.exec(text) ?? /^\[([^\]]{1,60})\]\s*(.*)$/.exec(text);
  if (prefix && isPersonName(prefix[1], { allowSingle: true })) return { speaker: prefix[1].trim(), text: prefix[2].trim() };
  return { text };
}

interface Segment {
  speaker: string;
  paragraph: Paragraph;
}

/** A cue usually holds one speaker; a new voice or prefix on a later line starts another. */
function segments(cue: Cue): Segment[] {
  const out: Segment[] = [];
  let last: Segment | undefined;
  for (const { line, text: raw } of cue.text) {
    const { speaker, text } = splitSpeaker(raw);
    if (!text || isMostlyNonLatin(text)) continue;
    if (!last || (speaker && !sameSpeaker(speaker, last.speaker))) {
      last = { speaker: speaker ?? 'Unknown', paragraph: { line, text, startTime: cue.start, endTime: cue.end } };
      out.push(last);
    } else {
      last.paragraph.text += ` ${text}`;
    }
  }
  return out;
}

export function cuesToTurns(cues: Cue[]): RawTurn[] {
  const turns: RawTurn[] = [];
  for (const cue of cues) {
    for (const seg of segments(cue)) {
      const last = turns[turns.length - 1];
      if (last && sameSpeaker(last.speaker, seg.speaker)) last.paragraphs.push(seg.paragraph);
      else turns.push({ speaker: seg.speaker, paragraphs: [seg.paragraph] });
    }
  }
  return turns;
}
