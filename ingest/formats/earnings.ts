// Earnings-call transcripts: a speaker header line (`Name - Title`, `Operator`, a bare name)
// followed by paragraph lines. The bilingual variant of seeds/ writes every header twice and
// follows every English paragraph with its machine translation; only English is kept.
import type { ParsedTranscript, RawTurn } from '../types.ts';
import { endsLikeSentence, requireTurns } from './lines.ts';
import { isMostlyNonLatin, wordCount } from './script.ts';
import { isPersonName, splitNameTitle } from './speaker-label.ts';

// Headings some transcript sites print between sections; they are not anybody's words.
const SECTION_HEADING =
  /^(?:presentation|prepared remarks|questions?(?:\s*(?:-|and|&)\s*|-and-)answers?(?: session)?|q\s*&\s*a(?: session)?|(?:corporate|company) participants|(?:conference )?call participants|executives|analysts):?$/i;

/** A line that is a header by its shape alone (used when headers are not doubled). */
export function isHeaderShape(line: string): boolean {
  if (line.length > 200 || endsLikeSentence(line) || /^[("'“[]/.test(line)) return false;
  return splitNameTitle(line) !== undefined || isPersonName(line);
}

function toHeader(line: string, lineNo: number): RawTurn {
  const split = splitNameTitle(line);
  if (split) return { speaker: split.name, title: split.title, headerLine: lineNo, paragraphs: [] };
  // A doubled line is a header even when its name part is unusual ("ACME Corp - CEO").
  const dash = / (?:-{1,2}|–|—) /.exec(line);
  if (dash) {
    const title = line.slice(dash.index + dash[0].length).trim();
    return { speaker: line.slice(0, dash.index).trim(), title: title || undefined, headerLine: lineNo, paragraphs: [] };
  }
  return { speaker: line, headerLine: lineNo, paragraphs: [] };
}

/** Counts the signals detection uses: doubled lines, translation lines, `Name - Title` lines. */
export function earningsSignals(lines: string[]): { doubled: number; translations: number; nameTitle: number } {
  let doubled = 0;
  let translations = 0;
  let nameTitle = 0;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    if (isMostlyNonLatin(line)) translations += 1;
    else if (i > 0 && lines[i - 1].trim() === line && lines[i - 2]?.trim() !== line) doubled += 1;
    if (splitNameTitle(line)) nameTitle += 1;
  });
  return { doubled, translations, nameTitle };
}

function isTitleLike(line: string): boolean {
  return wordCount(line) <= 20 && !endsLikeSentence(line);
}

export function parseEarnings(lines: string[], file: string): ParsedTranscript {
  const signals = earningsSignals(lines);
  // With translations or doubled headers, the doubled line is the decisive header signal.
  const bilingual = signals.doubled >= 2 || signals.translations >= 2;
  const turns: RawTurn[] = [];
  let current: RawTurn | undefined;
  let title: string | undefined;
  let seenContent = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || isMostlyNonLatin(line) || SECTION_HEADING.test(line)) continue;
    const doubled = lines[i + 1]?.trim() === line;
    const header = (doubled && (bilingual || !endsLikeSentence(line))) || isHeaderShape(line);
    if (header) {
      current = toHeader(line, i + 1);
      turns.push(current);
      seenContent = true;
      if (doubled) i += 1; // the header's "translation"
      continue;
    }
    if (!current) {
      if (!seenContent && isTitleLike(line)) {
        title = line;
        seenContent = true;
        continue;
      }
      current = { speaker: 'Unknown', paragraphs: [] };
      turns.push(current);
    }
    seenContent = true;
    current.paragraphs.push({ line: i + 1, text: line });
  }

  const kept = requireTurns(turns, file, lines, 'expected speaker headers such as "Name - Title" or "Operator"');
  return { format: 'earnings', title, turns: kept };
}
