// The context header that chunks carry in their embedded text: "Label: value" lines, then a
// blank line, then the chunk's own text. Labels are fixed so that the local embedder can tell
// context from content: the Call line repeats in every chunk of a call, and weighted like
// content it makes an empty "Thank you." chunk look like any question that names the call.

export const HEADER_LABELS = ['Call', 'Speaker', 'Question'] as const;
export type HeaderLabel = (typeof HEADER_LABELS)[number];

const HEADER_LINE_RE = /^(?:Call|Speaker|Question)(?: [^:\n]{1,80})?: [^\n]*$/;

/** `[['Call', 'Acme Q1'], ['Speaker', 'Ann, CFO']]` → "Call: Acme Q1\nSpeaker: Ann, CFO". */
export function formatContextHeader(fields: ReadonlyArray<readonly [string, string]>): string {
  return fields.map(([label, value]) => `${label}: ${value.replace(/\s*\n\s*/g, ' ')}`).join('\n');
}

/**
 * Splits text into the context a leading header gives (Call and Speaker lines) and the content:
 * the body, preceded by the header's Question line (a short answer means nothing without the
 * question it answers, so the question counts as content). Without a header, all is content.
 */
export function splitContextHeader(text: string): { context: string; content: string } {
  const lines = headerLines(text);
  if (!lines) return { context: '', content: text };
  const body = text.slice(text.indexOf('\n\n') + 2);
  const questions = questionsOf(lines);
  return {
    context: lines.filter((l) => !l.startsWith('Question')).join('\n'),
    content: questions.length > 0 ? `${questions.join('\n')}\n${body}` : body,
  };
}

/** The header's lines, or undefined when the text has no context header. */
export function headerLines(text: string): string[] | undefined {
  const end = text.indexOf('\n\n');
  if (end <= 0) return undefined;
  const lines = text.slice(0, end).split('\n');
  return lines.every((line) => HEADER_LINE_RE.test(line)) ? lines : undefined;
}

const questionsOf = (lines: readonly string[]) => lines.filter((l) => l.startsWith('Question')).map((l) => l.slice(l.indexOf(': ') + 2));

/** The analyst questions a chunk's header says its text answers (their first words), if any. */
export function headerQuestions(text: string): string[] {
  const lines = headerLines(text);
  return lines ? questionsOf(lines) : [];
}
