// A column of the compact store being written: a typed array grown by doubling. As JS number
// arrays the columns of 1,380 real calls (~1.2M rows in all) cost allocation and GC, and a call
// copied from the previous generation (StoreWriter.copyCall) is a few block copies here.
import { ARRAY_TYPES } from './store-format.ts';

type Values = Int32Array | Uint32Array | Uint8Array | Float64Array;

export class ColumnBuilder {
  private data: Values;
  length = 0;

  constructor(private readonly type: keyof typeof ARRAY_TYPES) {
    this.data = new ARRAY_TYPES[type](1024);
  }

  at(i: number): number {
    return this.data[i];
  }

  push(value: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = value;
  }

  /** Appends `from[start, end)`, each plus `shift` unless it is `keep` (a marker such as NONE). */
  append(from: Values, start: number, end: number, shift = 0, keep?: number): void {
    this.reserve(end - start);
    const at = this.length;
    if (shift === 0) this.data.set(from.subarray(start, end), at);
    else for (let i = start; i < end; i++) this.data[at + i - start] = from[i] === keep ? from[i] : from[i] + shift;
    this.length += end - start;
  }

  /** The values written, viewed in place. */
  values(): Values {
    return this.data.subarray(0, this.length);
  }

  private reserve(more: number): void {
    if (this.length + more <= this.data.length) return;
    const next = new ARRAY_TYPES[this.type](Math.max(this.data.length * 2, this.length + more));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}
