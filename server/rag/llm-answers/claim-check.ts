// Checks what an LLM reply claims against the passages each claim cites, not only that its [n]
// markers exist. Pure: text in, verdicts out (no Fastify, no LangChain).
//
// The reply is split into claims: sentences, or clauses that end in a marker run ("… was $22.3
// million [1], and …"). A claim's markers are the runs it ends with (or a run that opens a line,
// for what follows it). Each claim with a valid marker is checked against the text of the
// passages it cites:
//   - every figure it states (money, percentages, numbers with or without a scale word,
//     quarters and years) must occur in a cited passage, compared normalised: "$152.4 million",
//     "152.4M", "152.4 mn" and "152,400,000" are one figure; "12%", "12 percent" and "12 per
//     cent" another. Quarters and years ("Q1", "FY2024", "fiscal 2024") may also come from the
//     question or the cited call's title, since they name the call rather than state a fact;
//   - every proper name (a capitalised word of two or more letters that does not start the
//     sentence and is not a generic word such as a title acronym) must occur in a cited passage,
//     in the question, or in the cited passages' speaker and call labels;
//   - every quoted span ("…" or “…”), cut at ellipses, must occur in a cited passage, compared
//     with whitespace, quote marks and case normalised.
// A claim that fails any check is dropped; a claim whose markers all pointed nowhere is dropped;
// a sentence without any marker is kept only when every figure, name and quote it states comes
// from the question ("The sources do not give the Q2 guidance."), and never counts as a verified
// claim.

import { NUMBER_LIST } from './citation-markers.ts';
import { paddedWords } from '../text-match.ts';

/** What a claim is checked against: one numbered source. */
export interface ClaimEvidence {
  n: number;
  /** The passage text shown to the model. */
  text: string;
  /** Speaker names, titles, firms and the call title: names may come from these. */
  labels: readonly string[];
}

export type ClaimProblemReason = 'unsupported_figure' | 'unsupported_name' | 'quote_not_found' | 'no_valid_citation' | 'uncited';

export interface ClaimProblem {
  reason: ClaimProblemReason;
  /** The figure, name or quote that was not found (or the claim itself for citation problems). */
  detail: string;
}

export interface ClaimVerdict {
  /** The claim's text as written, markers included. */
  text: string;
  /** Valid source numbers the claim cites. */
  cites: number[];
  kept: boolean;
  problems: ClaimProblem[];
}

export interface ClaimCheck {
  /** The reply with failed claims removed (markers kept as written, for verifyCitations). */
  text: string;
  claims: ClaimVerdict[];
  /** Claims kept that cite a passage and passed every check. */
  verified: number;
  dropped: number;
}

const MARKER_RUN = /(?:[ \t]*\[[^[\]\n]{0,60}\])+/y;
// An abbreviation or initial before a period does not end a sentence ("Tim M. Wan", "e.g. this").
const NOT_AN_END = /(?:^|[\s(])(?:[A-Z]|[a-z]|Mr|Mrs|Ms|Dr|St|Inc|Corp|Co|Ltd|vs|etc|e\.g|i\.e|approx|No)$/;

interface Segment {
  start: number;
  end: number;
  /** Where the marker runs of this segment are (relative to the reply). */
  markers: { start: number; end: number }[];
  /** True when the segment begins a sentence. */
  sentenceStart: boolean;
}

/** Markers in a bracket: the numbers of a [n] / [n, m] run, or undefined for prose in brackets. */
function markerNumbers(raw: string): number[] | undefined {
  const numbers: number[] = [];
  for (const m of raw.matchAll(/\[([^[\]\n]*)\]/g)) {
    if (!NUMBER_LIST.test(m[1])) return undefined;
    numbers.push(...m[1].split(/[,;]/).map((s) => Number(s.trim())));
  }
  return numbers;
}

/** Splits a reply into claim segments: each ends at a sentence end, a line end or right after a marker run. */
export function splitClaims(text: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  let markers: Segment['markers'] = [];
  let sentenceStart = true;
  const close = (end: number, endsSentence: boolean) => {
    if (text.slice(start, end).trim()) {
      segments.push({ start, end, markers, sentenceStart });
      sentenceStart = endsSentence;
    }
    start = end;
    markers = [];
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '[') {
      MARKER_RUN.lastIndex = i;
      const run = MARKER_RUN.exec(text);
      if (run && markerNumbers(run[0]) !== undefined) {
        markers.push({ start: i, end: i + run[0].length });
        i += run[0].length;
        // A marker that opens a segment ("[1] Revenue grew …") belongs to what follows it.
        const before = text.slice(start, markers[0].start).trim();
        if (!before) continue;
        // Trailing punctuation stays with the claim: "… 26% [1]." or "… 26% [1], and …".
        const punct = /^[.,;:!?]*["'”’)]*/.exec(text.slice(i))![0];
        i += punct.length;
        close(i, /[.!?]/.test(punct) || /[.!?]["'”’)]*\s*$/.test(before));
        continue;
      }
    }
    if (ch === '\n') {
      i++;
      close(i, true);
      continue;
    }
    if ((ch === '.' || ch === '!' || ch === '?') && (i + 1 >= text.length || /[\s"'”’)]/.test(text[i + 1]))) {
      // "1. Revenue …": a list number is no sentence.
      if (ch === '.' && (NOT_AN_END.test(text.slice(start, i)) || /^\s*\d{1,2}$/.test(text.slice(start, i)))) {
        i++;
        continue;
      }
      i++;
      while (i < text.length && /["'”’)]/.test(text[i])) i++;
      // Markers right after the period ("… 26%. [1]") still belong to this sentence.
      MARKER_RUN.lastIndex = i;
      const run = MARKER_RUN.exec(text);
      if (run && markerNumbers(run[0]) !== undefined) {
        markers.push({ start: i, end: i + run[0].length });
        i += run[0].length;
      }
      close(i, true);
      continue;
    }
    i++;
  }
  close(text.length, true);
  return segments;
}

// --- Figures -------------------------------------------------------------------------------

interface Figure {
  raw: string;
  kind: 'number' | 'percent' | 'quarter' | 'year';
  /** The value with its scale applied ("152.4M" → 152400000). */
  value: number;
  /** The number as written, without scale ("152.4M" → 152.4). */
  mantissa: number;
  scaled: boolean;
}

const SCALE: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  millions: 1e6,
  mn: 1e6,
  mm: 1e6,
  m: 1e6,
  billion: 1e9,
  billions: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
};

const FIGURE = new RegExp(
  [
    // Quarters and fiscal years name periods.
    String.raw`\b(?<quarter>Q[1-4])\b`,
    String.raw`\b(?:FY|fiscal(?:\s+year)?)\s*'?(?<fy>\d{4}|\d{2})\b`,
    // A number, maybe signed by a currency, grouped with commas, with a scale or percent after it.
    String.raw`(?<![\w.])[$€£¥]?\s?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?<pct>%|percent\b|per\s?cent\b|percentage\s+points?\b|pts?\b)|(?<attached>[kKmMbB]|mn|bn|mm|tn)\b|\s(?<word>thousand|millions?|billions?|trillion|mn|bn|tn)\b)?`,
  ].join('|'),
  'gi',
);

/** The figures a text states, normalised. */
export function extractFigures(text: string): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const g = m.groups!;
    if (g.quarter) {
      out.push({ raw: m[0], kind: 'quarter', value: Number(g.quarter.slice(1)), mantissa: Number(g.quarter.slice(1)), scaled: false });
      continue;
    }
    if (g.fy) {
      const year = g.fy.length === 2 ? 2000 + Number(g.fy) : Number(g.fy);
      out.push({ raw: m[0], kind: 'year', value: year, mantissa: year, scaled: false });
      continue;
    }
    const mantissa = Number(g.num.replaceAll(',', ''));
    if (!Number.isFinite(mantissa)) continue;
    if (g.pct) {
      out.push({ raw: m[0].trim(), kind: 'percent', value: mantissa, mantissa, scaled: false });
      continue;
    }
    const scaleWord = (g.attached ?? g.word)?.toLowerCase();
    const scale = scaleWord ? SCALE[scaleWord] : undefined;
    const isYear = !scale && /^(?:19|20)\d{2}$/.test(g.num);
    out.push({ raw: m[0].trim(), kind: isYear ? 'year' : 'number', value: mantissa * (scale ?? 1), mantissa, scaled: scale !== undefined });
  }
  return out;
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** A claimed figure is supported by a stated one: same kind and value; a bare number also matches a scaled one's digits. */
function figureMatches(claimed: Figure, stated: Figure): boolean {
  if (claimed.kind === 'percent' || stated.kind === 'percent') return claimed.kind === stated.kind && same(claimed.value, stated.value);
  if (claimed.kind === 'quarter' || stated.kind === 'quarter') return claimed.kind === stated.kind && claimed.value === stated.value;
  // Years and plain numbers mix: "2024" is a year in "fiscal 2024" and a number in "in 2024".
  if (same(claimed.value, stated.value)) return true;
  return !claimed.scaled && same(claimed.mantissa, stated.mantissa);
}

// --- Names ---------------------------------------------------------------------------------

// Capitalised words that name no one: pronouns and sentence words that can follow a colon or a
// quote mark, titles and roles, and the words of the answer's own frame.
const GENERIC = new Set(
  `i a an the this that these those he she they it we you our their his her its there here and but or so also however while
  in on at by for from of to with as after before during over about according overall meanwhile additionally furthermore
  ceo cfo coo cto cro cmo cpo cio chro evp svp vp md chair chairman chairwoman president founder co-founder chief executive financial operating officer
  head finance investor relations ir management analyst analysts operator company companies moderator speaker host
  earnings call calls conference transcript transcripts source sources passage passages question questions answer q&a
  yes no ok okay mr mrs ms dr not_covered`.split(/\s+/),
);

const NAME = /[A-Z][\p{L}\p{N}'’&-]*[\p{L}\p{N}]/gu;

const words = (text: string) => new Set(paddedWords(text).split(' ').filter(Boolean));

/** Capitalised words of a claim that must be found somewhere: not at its sentence start, not generic. */
function extractNames(claim: string, sentenceStart: boolean): string[] {
  const names: string[] = [];
  for (const m of claim.matchAll(NAME)) {
    const word = m[0].replace(/['’]s$/, '');
    if (word.length < 2) continue;
    if (GENERIC.has(word.toLowerCase())) continue;
    // The first word of a sentence is capitalised anyway; so is the first word after a colon or an
    // opening quote. Only the few characters before the word are looked at: testing the whole
    // prefix for every capitalised word made a long reply cost quadratic time.
    const before = claim.slice(Math.max(0, m.index - 64), m.index);
    if (sentenceStart && m.index <= 64 && !before.trim()) continue;
    if (/(?:[:"“(]|[.!?]["'”’)]?)\s*$/.test(before) && /^[A-Z][a-z]/.test(word)) continue;
    // Figures handled elsewhere: "Q1", "FY2024".
    if (/^(?:Q[1-4]|FY\d{2,4}|H[12])$/i.test(word)) continue;
    names.push(word);
  }
  return names;
}

// --- Quotes --------------------------------------------------------------------------------

// Straight, curly, guillemet and low-high quotation marks: a model writes any of them.
const QUOTED = /"([^"\n]+)"|“([^”\n]+)”|«\s*([^»\n]+?)\s*»|„([^“”\n]+)[“”]/g;

const normaliseText = (s: string) =>
  s
    .toLowerCase()
    .replace(/[“”„″]/g, '"')
    .replace(/[‘’‚′]/g, "'")
    .replace(/\s*(?:--+|[–—])\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim();

/** The pieces of a quotation that must each occur verbatim: cut at ellipses, outer punctuation trimmed. */
function quotePieces(quote: string): string[] {
  return quote
    .split(/\s*(?:…|\.\.\.+|\[\s*\.\.\.\s*\])\s*/)
    .map((p) => normaliseText(p).replace(/^[\s,.;:!?'-]+|[\s,.;:!?'-]+$/g, ''))
    .filter((p) => p.length >= 3);
}

// --- The check -----------------------------------------------------------------------------

export interface ClaimCheckOptions {
  /** The question asked: names and periods it states may be repeated. */
  question?: string;
}

/** What a set of cited passages offers a claim, worked out once per set (a reply cites few sets). */
interface CitedPool {
  stated: Figure[];
  periods: Figure[];
  known: Set<string>;
  haystack: string[];
}

function poolOf(cited: readonly ClaimEvidence[], question: string): CitedPool {
  const passages = cited.map((e) => e.text).join('\n');
  const labels = cited.flatMap((e) => e.labels).join('\n');
  return {
    stated: extractFigures(passages),
    periods: extractFigures(`${question}\n${labels}`).filter((f) => f.kind === 'quarter' || f.kind === 'year'),
    known: words(`${passages}\n${labels}\n${question}`),
    haystack: cited.map((e) => normaliseText(e.text)),
  };
}

function problemsOf(claim: string, sentenceStart: boolean, pool: CitedPool): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const { stated, periods, known, haystack } = pool;
  for (const f of extractFigures(claim)) {
    const pool = f.kind === 'quarter' || f.kind === 'year' ? [...stated, ...periods] : stated;
    if (!pool.some((s) => figureMatches(f, s))) problems.push({ reason: 'unsupported_figure', detail: f.raw });
  }

  for (const name of extractNames(claim, sentenceStart)) {
    const parts = [...words(name)];
    if (!parts.every((p) => known.has(p))) problems.push({ reason: 'unsupported_name', detail: name });
  }

  for (const m of claim.matchAll(QUOTED)) {
    const quote = m[1] ?? m[2] ?? m[3] ?? m[4];
    for (const piece of quotePieces(quote)) {
      if (!haystack.some((h) => h.includes(piece))) {
        problems.push({ reason: 'quote_not_found', detail: quote.trim() });
        break;
      }
    }
  }
  return problems;
}

/** Checks each claim of a reply against the sources it cites and drops those that fail. */
export function checkClaims(reply: string, evidence: readonly ClaimEvidence[], opts: ClaimCheckOptions = {}): ClaimCheck {
  const byN = new Map(evidence.map((e) => [e.n, e]));
  const question = opts.question ?? '';
  const segments = splitClaims(reply);
  const claims: ClaimVerdict[] = [];
  const pools = new Map<string, CitedPool>();
  // No marker: the question is the only passage such a sentence may draw on.
  const pool = (cites: readonly number[]): CitedPool => {
    const key = cites.join(',');
    let found = pools.get(key);
    if (!found) pools.set(key, (found = poolOf(cites.length ? cites.map((n) => byN.get(n)!) : [{ n: 0, text: question, labels: [] }], question)));
    return found;
  };

  for (const s of segments) {
    const raw = reply.slice(s.start, s.end);
    let prose = '';
    let last = s.start;
    const numbers: number[] = [];
    for (const m of s.markers) {
      prose += reply.slice(last, m.start);
      last = m.end;
      numbers.push(...(markerNumbers(reply.slice(m.start, m.end)) ?? []));
    }
    prose += reply.slice(last, s.end);
    // Malformed markers ([Source 2], [^1], 【1】) are not this check's business (citation-markers.ts
    // removes them) but must not read as names or figures.
    prose = prose.replace(/\[[^[\]\n]{0,60}\]|【[^】\n]{0,40}】/g, ' ').replace(/^\s*(?:\d{1,2}[.)]|[-*•])\s+/, '');
    const cites = [...new Set(numbers.filter((n) => byN.has(n)))];
    let problems: ClaimProblem[];
    if (cites.length) problems = problemsOf(prose, s.sentenceStart, pool(cites));
    else if (numbers.length) problems = [{ reason: 'no_valid_citation', detail: raw.trim() }];
    // A sentence without markers may repeat what the question says ("The sources do not give the
    // Q2 figure.") but state nothing more.
    else problems = problemsOf(prose, s.sentenceStart, pool([])).length ? [{ reason: 'uncited', detail: raw.trim() }] : [];
    claims.push({ text: raw, cites, kept: problems.length === 0, problems });
  }

  return {
    text: assemble(reply, segments, claims),
    claims,
    verified: claims.filter((c) => c.kept && c.cites.length > 0).length,
    dropped: claims.filter((c) => !c.kept).length,
  };
}

/** The reply with dropped claims cut out, punctuation and capitals tidied where a cut left them wrong. */
function assemble(reply: string, segments: readonly Segment[], claims: readonly ClaimVerdict[]): string {
  let out = '';
  let cursor = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const gap = reply.slice(cursor, s.start);
    cursor = s.end;
    if (!claims[i].kept) {
      // A dropped clause that ended its sentence: the kept clause before it now ends it.
      const end = /[.!?]["'”’)]*\s*$/.exec(claims[i].text)?.[0].trim();
      if (end && !s.sentenceStart) out = out.replace(/[,;:]\s*$/, (m) => end + m.slice(1));
      if (/\n\s*$/.test(claims[i].text) && out && !out.endsWith('\n')) out = out.trimEnd() + '\n';
      continue;
    }
    let text = reply.slice(s.start, s.end);
    // A clause whose sentence lost its beginning starts one now.
    if (!s.sentenceStart && i > 0 && !claims[i - 1].kept && segments[i - 1].sentenceStart) text = text.replace(/^(\s*)(\p{Ll})/u, (_, sp: string, c: string) => sp + c.toUpperCase());
    out += gap + text;
  }
  out += reply.slice(cursor);
  return out
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
