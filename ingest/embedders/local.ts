import { ANALYZER_VERSION } from '../text/analyze.ts';
import { analyze } from '../text/analyze.ts';
import { conceptsIn } from '../text/concept-index.ts';
import { splitContextHeader } from '../text/context-header.ts';
import type { Embedder } from './embedder.ts';
import { addHashed, fmix32, fnv1a } from './feature-hash.ts';
import { termWeight } from './term-weight.ts';

/*
 * The default embedder: offline, deterministic, no model. A text's vector is the signed
 * feature hash of
 *   - its analysed terms (1 + ln tf) × a fixed weight (numbers high, call filler low, longer
 *     words higher): no corpus statistics, so a text embeds the same whatever else is indexed
 *     and ingest stays incremental;
 *   - bigrams of adjacent terms (phrases: "oper margin", "free cash");
 *   - character 3- and 4-grams of word terms, lightly (morphology, typos);
 *   - one feature per concept of the lexicon present (concepts.ts), so "profitability" and
 *     "operating margin" share a dimension;
 * then L2-normalised. The Call and Speaker lines of a chunk's header (context-header.ts) are
 * embedded apart and added at a fixed share of the content's weight.
 * Bump VERSION whenever any of this changes (analyze() changes carry their own version): the
 * index manifest compares ids.
 */
const VERSION = `hash-v3.a${ANALYZER_VERSION}`;
// 320, not 512: every HNSW distance is cheaper, and the graph build was most of a cold ingest's
// CPU (30k real chunks: 8.3 -> 6.3 CPU-s). On the real library the eval did not move (hit@5 0.942,
// MRR 0.700, silver 0.997/0.918, meetings 0.920/0.760, answers 42/52) and bench:search's HNSW
// recall@8 vs brute force went 0.860 -> 0.882; seeds dev 1.000/0.861 -> 1.000/0.864, holdout
// 1.000/0.944 both. 256 lost a seeds dev question from the top 5 (recall@5 0.947) and holdout
// MRR (0.929): too many hashed features share a slot.
export const DEFAULT_DIMENSIONS = 320;

const SEED_WORD = 0x5151;
const SEED_GRAM = 0x6a6a;
const SEED_BIGRAM = 0x7b7b;
const SEED_CONCEPT = 0x8c8c;

const BIGRAM_WEIGHT = 0.4;
const GRAM_WEIGHT = 0.05;
const CONCEPT_WEIGHT = 1.0;
const CONTEXT_SHARE = 0.5;

interface TermFeatures {
  base: number;
  weight: number;
  slots: Int32Array;
  values: Float32Array;
}

export interface LocalEmbedderOptions {
  dimensions?: number;
}

export class LocalEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly cache = new Map<string, TermFeatures>();
  /** Normalised vectors of recent context headers: consecutive chunks of a call share a few (call, speaker). */
  private readonly contexts = new Map<string, Float32Array>();

  constructor(opts: LocalEmbedderOptions = {}) {
    this.dimensions = opts.dimensions ?? DEFAULT_DIMENSIONS;
    if (!Number.isInteger(this.dimensions) || this.dimensions < 16) {
      throw new Error(`LocalEmbedder dimensions must be an integer >= 16, got ${opts.dimensions}`);
    }
    this.id = `local:${VERSION}:${this.dimensions}`;
  }

  async embedDocuments(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embed(t));
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return this.embed(text);
  }

  /** The synchronous core of both port methods. */
  embed(text: string): Float32Array {
    const { context, content } = splitContextHeader(text);
    return this.embedAnalysed(context, analyze(content));
  }

  /** embed() of a text whose context header is `context` and whose content analyses to `content` (text/chunk-terms.ts). */
  embedAnalysed(context: string, content: readonly string[]): Float32Array {
    const vec = normalise(this.accumulate(content, new Float32Array(this.dimensions)));
    if (context === '') return vec;
    // Context gets a fixed share whatever the content's length: it says which call and who,
    // and should tip the balance between similar chunks, not make short ones look alike.
    const ctx = this.contextVector(context);
    for (let i = 0; i < vec.length; i++) vec[i] += CONTEXT_SHARE * ctx[i];
    return normalise(vec);
  }

  private contextVector(context: string): Float32Array {
    let ctx = this.contexts.get(context);
    if (!ctx) {
      ctx = normalise(this.accumulate(analyze(context), new Float32Array(this.dimensions)));
      if (this.contexts.size >= 256) this.contexts.clear();
      this.contexts.set(context, ctx);
    }
    return ctx;
  }

  private accumulate(terms: readonly string[], vec: Float32Array): Float32Array {
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, n] of counts) {
      const f = this.features(term);
      const tf = 1 + Math.log(n);
      for (let i = 0; i < f.slots.length; i++) vec[f.slots[i]] += f.values[i] * tf;
    }
    for (let i = 1; i < terms.length; i++) {
      const a = this.features(terms[i - 1]);
      const b = this.features(terms[i]);
      const h = Math.imul(a.base ^ SEED_BIGRAM, 0x01000193) ^ b.base;
      addHashed(vec, h, BIGRAM_WEIGHT * Math.sqrt(a.weight * b.weight));
    }
    const concepts = new Map<string, number>();
    for (const id of conceptsIn(terms)) concepts.set(id, (concepts.get(id) ?? 0) + 1);
    for (const [id, n] of concepts) addHashed(vec, fnv1a(id, SEED_CONCEPT), CONCEPT_WEIGHT * (1 + Math.log(n)));
    return vec;
  }

  private features(term: string): TermFeatures {
    let f = this.cache.get(term);
    if (f) return f;
    const weight = termWeight(term);
    const slots: number[] = [];
    const values: number[] = [];
    const add = (hash: number, w: number): void => {
      const h = fmix32(hash);
      slots.push(h % this.dimensions);
      values.push(h & 0x80000000 ? -w : w);
    };
    const base = fnv1a(term, SEED_WORD);
    add(base, weight);
    if (/^\p{L}{3,}$/u.test(term)) {
      const padded = `<${term}>`;
      for (const n of [3, 4]) {
        for (let i = 0; i + n <= padded.length; i++) add(fnv1a(padded, SEED_GRAM + n, i, i + n), GRAM_WEIGHT * weight);
      }
    }
    f = { base, weight, slots: Int32Array.from(slots), values: Float32Array.from(values) };
    if (this.cache.size > 200_000) this.cache.clear();
    this.cache.set(term, f);
    return f;
  }
}

function normalise(vec: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vec.length; i++) sum += vec[i] * vec[i];
  if (sum === 0) return vec;
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < vec.length; i++) vec[i] *= inv;
  return vec;
}
