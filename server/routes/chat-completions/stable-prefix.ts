/**
 * The part of a streamed LLM reply that verification will not change: the text before its first
 * citation marker, without trailing spaces. Markers get renumbered or removed (and the spacing
 * before a removed one tidied) once the reply is complete, and OpenAI-style clients cannot take
 * text back, so only this much may be sent early.
 */
export function stablePrefix(streamed: string): string {
  const text = streamed.trimStart();
  const marker = text.indexOf('[');
  return (marker < 0 ? text : text.slice(0, marker)).trimEnd();
}

/** What to send after `sent` so the client ends with `final`: the rest, or (when they diverged) a fresh copy. */
export function remainder(sent: string, final: string): string {
  if (final.startsWith(sent)) return final.slice(sent.length);
  return `\n\n${final}`;
}
