// Decides, file by file, which graph segment holds each new chunk (see graph-segments.ts) and feeds
// new segments as the ingest goes, so insertion overlaps parsing.
import { availableParallelism } from 'node:os';
import type { SegmentMeta } from './graph-segments.ts';
import { nextSegmentId, segmentFiles } from './graph-segments.ts';
import { grow } from '../grow.ts';
import { DEFAULT_HNSW, startHnswStream, type HnswParams, type HnswStream } from './hnsw.ts';
import type { PreviousGraph } from '../generations/previous.ts';

/**
 * A cold build fills this many graphs at once, each in its own thread. Only a machine with cores
 * to spare gains: on 2 cores the parse workers already take the second one (an ingest is CPU-bound
 * there) and every extra graph costs each search (real library, bench:search: HNSW-only p50 0.95 ms
 * with two graphs of half the library, 0.61 ms with one, measured before the smaller M below).
 */
export const COLD_SEGMENTS = availableParallelism() > 2 ? 2 : 1;
/** An ingest that would leave more graphs folds the smallest ones into its new one. */
export const MAX_SEGMENTS = 6;
/** Above this share of dead points the whole graph is rebuilt (dead points still cost search time). */
export const MAX_DEAD_FRACTION = 0.25;
const START_CAPACITY = 4096;

export type PlannedSegment = { meta: SegmentMeta; ordinals: Int32Array } & ({ linkFrom: string } | { stream: HnswStream });

export interface GraphPlan {
  params: HnswParams;
  segments: PlannedSegment[];
}

export interface PriorGraph extends PreviousGraph {
  /** The previous generation's folder. */
  dir: string;
  params: HnswParams;
}

interface NewSegment {
  id: number;
  stream?: HnswStream;
  added: number;
}

export class GraphBuilder {
  private readonly kept: { meta: SegmentMeta; from: string }[] = [];
  /** Previous segment index → index into `kept`, or -1 when its points are re-inserted. */
  private readonly keptIndex: Int32Array;
  private readonly fresh: NewSegment[] = [];
  private segOf = new Int32Array(1024);
  private labelOf = new Int32Array(1024);
  private count = 0;
  private readonly progress = new Map<HnswStream, [number, number]>();

  constructor(
    private readonly prior: PriorGraph | undefined,
    /** Previous chunks known to go (removed calls): counted as dead when deciding to rebuild. */
    removedChunks: number,
    private readonly onProgress: (done: number, total: number) => void = () => {},
    private readonly params: HnswParams = DEFAULT_HNSW,
  ) {
    const segments = prior?.segments ?? [];
    this.keptIndex = new Int32Array(segments.length).fill(-1);
    const nodes = segments.reduce((n, s) => n + s.nodes, 0);
    const dead = segments.reduce((n, s) => n + s.nodes - s.live, 0) + removedChunks;
    const incremental = prior !== undefined && sameParams(prior.params, params) && nodes > 0 && dead / nodes <= MAX_DEAD_FRACTION;
    if (incremental) {
      // Fold the smallest graphs into the new one until the count fits.
      const order = segments.map((s, i) => i).sort((a, b) => segments[b].live - segments[a].live);
      for (const i of order.slice(0, MAX_SEGMENTS - 1)) this.keptIndex[i] = 0;
      for (let i = 0; i < segments.length; i++) {
        if (this.keptIndex[i] === 0) this.keptIndex[i] = this.kept.push({ meta: segments[i], from: `${prior.dir}/${segments[i].file}` }) - 1;
      }
    }
    const first = nextSegmentId(segments);
    for (let i = 0; i < (incremental ? 1 : COLD_SEGMENTS); i++) this.fresh.push({ id: first + i, added: 0 });
  }

  /**
   * Places the next file's `count` chunks (in ordinal order; `vectorOf(j)` the vector of its j-th):
   * kept where they were when they are the same chunks as the previous ones from
   * `priorFirstOrdinal` on and their graph stays, otherwise inserted into a new graph.
   */
  add(count: number, vectorOf: (j: number) => Float32Array, priorFirstOrdinal?: number): void {
    const insert: Float32Array[] = [];
    const target = this.fresh.reduce((a, b) => (b.added < a.added ? b : a));
    const targetIndex = this.kept.length + this.fresh.indexOf(target);
    for (let j = 0; j < count; j++) {
      this.grow();
      const po = priorFirstOrdinal === undefined ? -1 : priorFirstOrdinal + j;
      const k = po >= 0 && this.prior ? this.keptIndex[this.prior.segmentOf[po]] : -1;
      if (k >= 0) {
        this.segOf[this.count] = k;
        this.labelOf[this.count] = this.prior!.labelOf[po];
      } else {
        this.segOf[this.count] = targetIndex;
        this.labelOf[this.count] = target.added + insert.length;
        insert.push(vectorOf(j));
      }
      this.count++;
    }
    if (insert.length === 0) return;
    if (!target.stream) {
      const stream = startHnswStream(insert[0].length, this.params, START_CAPACITY);
      stream.onProgress((done, total) => this.report(stream, done, total));
      target.stream = stream;
    }
    target.stream.add(insert);
    target.added += insert.length;
  }

  /** Every chunk placed: the segments of the new generation, empty ones left out. */
  finish(): GraphPlan {
    const all: { meta: SegmentMeta; source: { linkFrom: string } | { stream: HnswStream } }[] = [
      ...this.kept.map((k) => ({ meta: { ...k.meta }, source: { linkFrom: k.from } })),
      ...this.fresh.map((f) => ({ meta: { ...segmentFiles(f.id), nodes: f.added, live: 0 }, source: { stream: f.stream! } })),
    ];
    const maps = all.map((s) => new Int32Array(s.meta.nodes).fill(-1));
    for (let o = 0; o < this.count; o++) maps[this.segOf[o]][this.labelOf[o]] = o;
    const segments: PlannedSegment[] = [];
    all.forEach((s, i) => {
      const live = maps[i].reduce((n, o) => n + (o >= 0 ? 1 : 0), 0);
      if (live > 0) segments.push({ meta: { ...s.meta, labels: s.meta.labels ?? s.meta.file.replace(/\.bin$/, '.labels'), live }, ordinals: maps[i], ...s.source });
    });
    return { params: this.params, segments };
  }

  /** Stops every graph still being built (nothing will be saved). */
  async cancel(): Promise<void> {
    await Promise.all(this.fresh.map((f) => f.stream?.cancel()));
  }

  private report(stream: HnswStream, done: number, total: number): void {
    this.progress.set(stream, [done, total]);
    let d = 0;
    let t = 0;
    for (const [a, b] of this.progress.values()) (d += a), (t += b);
    this.onProgress(d, t);
  }

  private grow(): void {
    if (this.count < this.segOf.length) return;
    this.segOf = grow(this.segOf, this.segOf.length * 2);
    this.labelOf = grow(this.labelOf, this.labelOf.length * 2);
  }
}

function sameParams(a: HnswParams, b: HnswParams): boolean {
  return a.M === b.M && a.efConstruction === b.efConstruction && a.efSearch === b.efSearch;
}
