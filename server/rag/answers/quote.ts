import { analyze } from '../../../ingest/text/analyze.ts';
import type { Chunk } from '../../../ingest/types.ts';
import { analysedSentences, linesForSpan, type ChunkSentence } from './chunk-sentences.ts';
import { termPostings } from './term-postings.ts';

export interface LocatedQuote {
  /** The quote exactly as the transcript writes it. */
  quote: string;
  startLine: number;
  endLine: number;
}

// Models and people retype quotes with straight quote marks, other dashes and collapsed
// whitespace; none of that changes what was said, so matching ignores it (letters stay exact).
const FOLD: Record<string, string> = {
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'",
  '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
};

interface Folded {
  text: string;
  /** `at[i]` is the offset in the original of folded character i. */
  at: number[];
}

function fold(s: string): Folded {
  let text = '';
  const at: number[] = [];
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (/\s/.test(c)) {
      space = text.length > 0;
      continue;
    }
    if (space) {
      text += ' ';
      at.push(i - 1);
      space = false;
    }
    const parts = c === '…' ? '...' : (FOLD[c] ?? c);
    for (const p of parts) {
      text += p;
      at.push(i);
    }
  }
  return { text, at };
}

const WRAPPING = /^["'“”‘’«»\s]+|["'“”‘’«»\s]+$/g;
const ELLIPSIS = /^(?:\.\.\.|…)\s*|\s*(?:\.\.\.|…)$/g;

/**
 * Finds `quote` verbatim inside the chunk (whitespace, quote marks and dashes normalised; letters
 * case-sensitive) and returns the transcript's own wording with the lines of the paragraph(s)
 * holding it, or undefined when the chunk does not say it.
 */
export function locateQuote(chunk: Chunk, quote: string): LocatedQuote | undefined {
  const wanted = fold(quote.trim().replace(WRAPPING, '').replace(ELLIPSIS, '').replace(WRAPPING, '')).text;
  // A handful of characters matches by accident; that is not a quote.
  if (wanted.replace(/[^\p{L}\p{N}]/gu, '').length < 4) return undefined;
  const source = fold(chunk.text);
  const i = source.text.indexOf(wanted);
  if (i < 0) return undefined;
  const start = source.at[i];
  const end = source.at[i + wanted.length - 1] + 1;
  return { quote: chunk.text.slice(start, end), ...linesForSpan(chunk, start, end) };
}

/** The chunk's sentence sharing the most terms with `claim`, verbatim, with its paragraph's lines. */
export function bestSentence(chunk: Chunk, claim: string): LocatedQuote {
  return bestSentenceFor(chunk, new Set(analyze(claim)));
}

/** bestSentence for a claim already analysed (`wanted`: its terms), when it is quoted from several chunks. */
export function bestSentenceFor(chunk: Chunk, wanted: ReadonlySet<string>): LocatedQuote {
  const best = bestChunkSentence(chunk, wanted);
  return best ? sentenceQuote(best) : wholeChunkQuote(chunk);
}

/** A chunk without sentences quoted whole. */
export function wholeChunkQuote(chunk: Chunk): LocatedQuote {
  return { quote: chunk.text.trim(), startLine: chunk.startLine, endLine: chunk.endLine };
}

/** A chunk sentence quoted whole, with its paragraph's lines. */
export function sentenceQuote(sentence: ChunkSentence): LocatedQuote {
  return { quote: sentence.text, startLine: sentence.startLine, endLine: sentence.endLine };
}

/** The chunk's sentence sharing the most of `wanted`'s terms (undefined for a chunk without sentences). */
export function bestChunkSentence(chunk: Chunk, wanted: ReadonlySet<string>): ChunkSentence | undefined {
  const sentences = analysedSentences(chunk);
  if (sentences.length === 0) return undefined;
  // How many of the wanted terms each sentence holds, read off the chunk's term postings: a
  // claim's few terms are looked up once, not every term of every sentence.
  const postings = termPostings(sentences);
  const overlaps = new Array<number>(sentences.length).fill(0);
  for (const t of wanted) for (const i of postings.get(t) ?? []) overlaps[i]++;
  let best = sentences[0].sentence;
  let bestScore = -1;
  for (let i = 0; i < sentences.length; i++) {
    const overlap = overlaps[i];
    const size = sentences[i].terms.size;
    // Among equal overlaps prefer the denser sentence: less unrelated text around the claim.
    const score = overlap + (size ? overlap / size / 10 : 0);
    if (score > bestScore) {
      best = sentences[i].sentence;
      bestScore = score;
    }
  }
  return best;
}
