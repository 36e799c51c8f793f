import type { AnalysedSentence } from './chunk-sentences.ts';

// Which of a chunk's sentences hold each term, indexed once per analysed chunk (kept while its
// analysis is cached, analysedSentences): a question's few terms are then looked up once per
// chunk, not once per sentence, to count and weigh the sentences sharing them.
const termCache = new WeakMap<readonly AnalysedSentence[], Map<string, number[]>>();
const bigramCache = new WeakMap<readonly AnalysedSentence[], Map<string, number[]>>();

/** For each term of the sentences, the indices of those holding it, ascending. */
export function termPostings(sentences: readonly AnalysedSentence[]): Map<string, number[]> {
  return postingsOf(sentences, 'terms', termCache);
}

/** For each term bigram of the sentences ("paying customers"), the indices of those holding it, ascending. */
export function bigramPostings(sentences: readonly AnalysedSentence[]): Map<string, number[]> {
  return postingsOf(sentences, 'bigrams', bigramCache);
}

function postingsOf(
  sentences: readonly AnalysedSentence[],
  field: 'terms' | 'bigrams',
  cache: WeakMap<readonly AnalysedSentence[], Map<string, number[]>>,
): Map<string, number[]> {
  let postings = cache.get(sentences);
  if (!postings) {
    const built = new Map<string, number[]>();
    sentences.forEach((s, i) => {
      for (const t of s[field]) {
        const list = built.get(t);
        if (list) list.push(i);
        else built.set(t, [i]);
      }
    });
    cache.set(sentences, (postings = built));
  }
  return postings;
}
