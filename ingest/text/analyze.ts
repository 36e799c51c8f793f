// PLACEHOLDER until the text-analysis work lands: same signature, naive behaviour.
/** Text → index terms: lower-cased, stemmed, stop words removed, numbers normalised. */
export function analyze(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9.%$]+/).filter((t) => t.length > 1);
}
