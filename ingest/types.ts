// The data model shared by ingest (write side) and server (read side).
// Line numbers are always 1-based lines of the original source file.

export type Role = 'management' | 'analyst' | 'operator' | 'other';
export type Section = 'prepared' | 'qa';
export type TranscriptFormat = 'earnings' | 'speaker-colon' | 'vtt' | 'srt';

export const ROLES: readonly Role[] = ['management', 'analyst', 'operator', 'other'];
export const SECTIONS: readonly Section[] = ['prepared', 'qa'];

/** One English paragraph of a turn, at its exact source line. Times in seconds (VTT/SRT only). */
export interface Paragraph {
  line: number;
  text: string;
  startTime?: number;
  endTime?: number;
}

/** What a format parser yields: a speaker turn before call-level annotation. */
export interface RawTurn {
  speaker: string;
  title?: string;
  /** 1-based line of the speaker header, when the format has one. */
  headerLine?: number;
  paragraphs: Paragraph[];
}

export interface ParsedTranscript {
  format: TranscriptFormat;
  /** A plain title line at the top of the file, when there is one. */
  title?: string;
  turns: RawTurn[];
}

/** A turn after annotation (roles, sections, firms, question links). */
export interface Turn extends RawTurn {
  /** `${callId}:t${index}` */
  id: string;
  index: number;
  role: Role;
  section: Section;
  /** The analyst's firm, as the operator introduced them. */
  firm?: string;
  /** For a management answer in Q&A: the id of the analyst turn it answers. */
  answersTurnId?: string;
  startLine: number;
  endLine: number;
}

export interface CallMeta {
  /** Stable id derived from the file name (relative path), e.g. `000_4ea6a2434226ac97`. */
  id: string;
  /** Path as given to ingest, relative to its root, with `/` separators. */
  file: string;
  sha256: string;
  format: TranscriptFormat;
  title: string;
  /** The company in the fullest form the call's introduction uses ("Quartzwell Corporation"). */
  company?: string;
  /** Shorter names the call supports, and the ticker ("Quartzwell", "QZW"); never "the Company". */
  companyAliases?: string[];
  /** Leading ticker of the title line ("QZW Q2 2021 Earnings Call Transcript"); never from the file name. */
  ticker?: string;
  /** Shared by every call of one company: `ticker:QZW` when there is a ticker, else `name:quartzwell`. */
  companyKey?: string;
  /** The period the call reports, as its introduction says (the title only fills gaps; see periodSource). */
  fiscalQuarter?: 1 | 2 | 3 | 4;
  fiscalYear?: number;
  /** The call said fiscal/FY about its period. */
  fiscal?: boolean;
  /** 'text': quarter and year both from the spoken introduction; 'title': the title line supplied some of it. */
  periodSource?: 'text' | 'title';
  /** ISO yyyy-mm-dd when the introduction states the date of the call. */
  callDate?: string;
}

export interface Transcript {
  call: CallMeta;
  turns: Turn[];
}

/** One speaker turn inside a chunk that groups several: who speaks from `lines[from]` on. */
export interface UnitTurn {
  turnId: string;
  /** Index into the chunk's `lines` of the turn's first paragraph. */
  from: number;
  speaker: string;
  title?: string;
  role: Role;
  firm?: string;
  answersTurnId?: string;
}

/**
 * A retrieval unit: either one speaker turn (or a paragraph-aligned part of a long one), or
 * several consecutive short turns of one section grouped up to the token budget. The single
 * speaker fields describe the turn holding most of the unit's words; `speakers` and `turns`
 * say who else speaks in it and on which lines.
 */
export interface Chunk {
  /** `${callId}#${startLine}-${endLine}` */
  id: string;
  callId: string;
  file: string;
  /** The unit's first turn: no two units share it unless they are parts of one long turn. */
  turnId: string;
  turnIndex: number;
  /** Position of this chunk within its turn (0 for the first). */
  part: number;
  startLine: number;
  endLine: number;
  /** Source lines of the paragraphs in this chunk, ascending. */
  lines: number[];
  speaker: string;
  title?: string;
  role: Role;
  section: Section;
  firm?: string;
  answersTurnId?: string;
  /** Every speaker in the unit, in order of first appearance (just `speaker` for a one-turn unit). */
  speakers: string[];
  /** The unit's turns when it groups more than one, in order; absent for a one-turn unit. */
  turns?: UnitTurn[];
  /** The chunk's own English text: its paragraphs joined by blank lines. */
  text: string;
  /** What gets embedded and lexically indexed: a short context header plus the text. */
  embedText: string;
  startTime?: number;
  endTime?: number;
  /** Cue times of each paragraph, aligned with `lines` (captions only): a citation of one paragraph shows its own times. */
  times?: ({ startTime?: number; endTime?: number } | null)[];
}

/** A parse failure that knows where it happened. */
export class TranscriptParseError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(line ? `${file}:${line}: ${message}` : `${file}: ${message}`);
    this.name = 'TranscriptParseError';
  }
}
