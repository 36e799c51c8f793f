import type { AnalysedSentence } from './chunk-sentences.ts';

// Which of a chunk's sentences hold each term, indexed once per analysed chunk (kept while its
// analysis is cached, analysedSentences): a question's few terms are then looked up once per
// chunk, not once per sentence, to count and weigh the sentences sharing them.
const postingsCache = new WeakMap<readonly AnalysedSentence[], Map<string, number[]>>();

/** For each term of the sentences, the indices of those holding it, ascending. */
export function termPostings(sentences: readonly AnalysedSentence[]): Map<string, number[]> {
  let postings = postingsCache.get(sentences);
  if (!postings) {
    const built = new Map<string, number[]>();
    sentences.forEach(({ terms }, i) => {
      for (const t of terms) {
        const list = built.get(t);
        if (list) list.push(i);
        else built.set(t, [i]);
      }
    });
    postingsCache.set(sentences, (postings = built));
  }
  return postings;
}
