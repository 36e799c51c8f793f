// A small LRU with expiry, for state the bot keeps between requests (cached answers for the share
// button, per-thread conversation memory). Entries live in process memory: a restart forgets
// them, and every user of this map has a fallback for that.

export interface BoundedMapOptions {
  max: number;
  ttlMs: number;
  now?: () => number;
}

export class BoundedMap<V> {
  private readonly entries = new Map<string, { value: V; expiry: number }>();
  private readonly now: () => number;

  constructor(private readonly opts: BoundedMapOptions) {
    this.now = opts.now ?? Date.now;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiry <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiry: this.now() + this.opts.ttlMs });
    while (this.entries.size > this.opts.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
