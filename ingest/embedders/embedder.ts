/**
 * The port every embedder implements. Vectors are L2-normalised so that cosine
 * similarity is a dot product.
 */
export interface Embedder {
  /** Stable identity written into the index manifest, e.g. `local:hash-v1:384` or `openai:text-embedding-3-small`. */
  readonly id: string;
  embedDocuments(texts: string[]): Promise<Float32Array[]>;
  embedQuery(text: string): Promise<Float32Array>;
}
