// At ingest a chunk's embedded text is analysed twice over: whole for the lexical index, and its
// content alone (context-header.ts: the Question line and the body) for the local embedder. The
// body is most of the text, so both come from one pass: the text is tokenised line by line
// (the token pattern never crosses a line break, except a "%" opening a line, which takes the slow
// path) and the content's terms are the tail of the whole text's terms when the content is the
// tail of its tokens and the analysis stood on its first token (analyze.ts: analyzeTokens).
// Otherwise (several Question lines, a period read across the header's end) the content's
// tokens are analysed again, still without tokenising twice.
import { analyze, analyzeTokens, indexTokens } from './analyze.ts';
import { headerLines, splitContextHeader } from './context-header.ts';
import type { Token } from './tokenize.ts';

export interface ChunkTerms {
  /** analyze(text): what the lexical index holds. */
  terms: string[];
  /** splitContextHeader(text).context, embedded apart. */
  context: string;
  /** analyze(splitContextHeader(text).content). */
  content: string[];
}

export function analyzeChunk(text: string): ChunkTerms {
  const lines = headerLines(text);
  if (!lines) {
    const terms = analyze(text);
    return { terms, context: '', content: terms };
  }
  const body = text.slice(text.indexOf('\n\n') + 2);
  const values = lines.map((l) => (l.startsWith('Question') ? l.slice(l.indexOf(': ') + 2) : undefined));
  if (body.startsWith('%') || values.some((v) => v?.trimStart().startsWith('%'))) return slowly(text);
  const all: Token[] = [];
  const content: Token[] = [];
  let mark = -1;
  lines.forEach((line, i) => {
    const value = values[i];
    if (value === undefined) return void all.push(...indexTokens(line));
    all.push(...indexTokens(line.slice(0, line.length - value.length)));
    mark = all.length;
    const tokens = indexTokens(value);
    all.push(...tokens);
    content.push(...tokens);
  });
  const bodyTokens = indexTokens(body);
  const questions = values.filter((v) => v !== undefined).length;
  // The content is the tail of the tokens only with no Question line, or one that ends the header.
  if (questions === 0) mark = all.length;
  else if (!(questions === 1 && values.at(-1) !== undefined)) mark = -1;
  for (const t of bodyTokens) (all.push(t), content.push(t));
  const { terms, atMark } = analyzeTokens(all, mark);
  return {
    terms,
    context: lines.filter((l) => !l.startsWith('Question')).join('\n'),
    content: atMark >= 0 ? terms.slice(atMark) : analyzeTokens(content).terms,
  };
}

function slowly(text: string): ChunkTerms {
  const { context, content } = splitContextHeader(text);
  return { terms: analyze(text), context, content: analyze(content) };
}
