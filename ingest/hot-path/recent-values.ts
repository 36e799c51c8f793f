// Values worked out once and kept for the keys asked most recently, within a budget: a name's
// words, a form's regex, a word's impact order, a chunk's text. What such a value depends on (the
// key) comes back across requests; the keys themselves are not bounded, so neither may the memory be.

/** Values by key, the oldest dropped first once their weights (1 each by default) add up past `budget`. */
export class RecentValues<K, V> {
  private readonly values = new Map<K, V>();
  private held = 0;

  constructor(
    private readonly budget: number,
    private readonly weight: (value: V) => number = () => 1,
  ) {}

  get(key: K): V | undefined {
    return this.values.get(key);
  }

  set(key: K, value: V): void {
    const old = this.values.get(key);
    if (old !== undefined) {
      this.values.delete(key);
      this.held -= this.weight(old);
    }
    this.values.set(key, value);
    this.held += this.weight(value);
    for (const [k, v] of this.values) {
      if (this.held <= this.budget || k === key) break;
      this.values.delete(k);
      this.held -= this.weight(v);
    }
  }

  get size(): number {
    return this.values.size;
  }
}

/** `compute` memoised by key in RecentValues (its values are never undefined). */
export function boundedMemo<K, V>(budget: number, compute: (key: K) => V, weight?: (value: V) => number): (key: K) => V {
  const kept = new RecentValues<K, V>(budget, weight);
  return (key) => {
    let value = kept.get(key);
    if (value === undefined) kept.set(key, (value = compute(key)));
    return value;
  };
}
