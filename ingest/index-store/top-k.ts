/**
 * Keeps the k best (id, score) pairs seen so far in a binary min-heap: O(n log k) instead of
 * sorting every candidate. Ties go to the lower id so results are deterministic.
 */
export class TopK {
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.ids = new Int32Array(Math.max(0, k));
    this.scores = new Float64Array(Math.max(0, k));
  }

  /** True when `a` ranks below `b`. */
  private worse(ia: number, sa: number, ib: number, sb: number): boolean {
    return sa < sb || (sa === sb && ia > ib);
  }

  push(id: number, score: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(id, score, this.ids[p], this.scores[p])) break;
        this.ids[i] = this.ids[p];
        this.scores[i] = this.scores[p];
        i = p;
      }
      this.ids[i] = id;
      this.scores[i] = score;
      return;
    }
    if (!this.worse(this.ids[0], this.scores[0], id, score)) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c = r < this.size && this.worse(this.ids[r], this.scores[r], this.ids[l], this.scores[l]) ? r : l;
      if (!this.worse(this.ids[c], this.scores[c], id, score)) break;
      this.ids[i] = this.ids[c];
      this.scores[i] = this.scores[c];
      i = c;
    }
    this.ids[i] = id;
    this.scores[i] = score;
  }

  /** The score a newcomer must beat (or tie with a lower id): the k-th best once k are kept, else −∞. */
  threshold(): number {
    return this.k > 0 && this.size === this.k ? this.scores[0] : -Infinity;
  }

  /** Best first. */
  sorted(): { id: number; score: number }[] {
    const out: { id: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ id: this.ids[i], score: this.scores[i] });
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }
}

/**
 * The k-th best of the values pushed so far (−∞ until k are), in a min-heap of the k best: what
 * TopK's threshold() gives, without ordinals, when only the value is wanted (a pruning bound).
 */
export class KthValue {
  private readonly heap: Float64Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.heap = new Float64Array(Math.max(0, k));
  }

  push(value: number): void {
    const { heap, k } = this;
    if (k <= 0) return;
    if (this.size < k) {
      let c = this.size++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (heap[parent] <= value) break;
        heap[c] = heap[parent];
        c = parent;
      }
      heap[c] = value;
      return;
    }
    if (value <= heap[0]) return;
    let c = 0;
    for (;;) {
      let child = 2 * c + 1;
      if (child >= k) break;
      if (child + 1 < k && heap[child + 1] < heap[child]) child++;
      if (heap[child] >= value) break;
      heap[c] = heap[child];
      c = child;
    }
    heap[c] = value;
  }

  threshold(): number {
    return this.k > 0 && this.size === this.k ? this.heap[0] : -Infinity;
  }
}
