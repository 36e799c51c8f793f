// Search threads: the server's own thread parses requests and writes replies, while each search
// thread (worker_threads) holds its own copy of the index and takes the searches and offline
// answers off it. Measured on the 1,380-call real index, 2 cores, 32 connections: alone, the
// server's thread ran at 100% with the other core nearly idle, as searching (~0.5 ms) dwarfs the
// HTTP work (~0.1 ms).
//
// Requests wait in one queue. A thread is handed the next while it has fewer than MAX_QUEUED in
// hand (one running and the next ones waiting, so it never idles while its reply is read). The
// server's thread searches only while no thread can: before the threads have opened the index
// (so the server answers from its first second) and after they have all failed. It used to take
// one queued request per turn of its event loop as well, which measured as a loss: with 1 thread
// on 2 cores under /v1/ask load (32 connections), a search in the server's thread cost ~4× one in
// the search thread (its caches and compiled code are warmed by a small share of the questions, and
// between HTTP work), so at 89.7% busy it answered ~410 of 3,329 req/s, while the search thread,
// given every request, answered 3,675 req/s at 98.5% busy with the server's thread 45.5% busy
// (server CPU per request 0.41 ms instead of 0.53). Two search threads on 2 cores measured lower
// (3,308 req/s, 0.55 ms). A thread that fails takes no more work and its requests go back to the
// queue: nothing is lost.
//
// MAX_QUEUED 4 against 2 (when the server's thread still searched, ~0.4 ms a search): /v1/search
// 3,536–3,546 against 2,887–2,935 req/s, /v1/ask 3,161–3,201 against 2,633–2,845; 8 measured lower
// then. 8 since a thread returns its results in batches of up to 4 (search-thread.ts): with 4 in
// hand, it had none left while a batch was on its way back.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AskRequest } from '../ask.ts';
import type { RetrieveOptions } from '../retrieval/retrieve.ts';
import type { ThreadInit, ThreadReply, ThreadTask } from './messages.ts';

declare const __COMPILED__: boolean | undefined;
/** The compiled server (server/compile.ts defines it) starts the compiled thread beside it; the sources start the TypeScript one. */
const COMPILED = typeof __COMPILED__ !== 'undefined' && __COMPILED__;
const MAX_QUEUED = 8;
const AUTO_MIN_CHUNKS = 20_000;
const AUTO_MAX_THREADS = 3;
// A thread's heap left to V8's defaults grows under load: serving RSS on 1,380 calls under 32
// connections reached 797–840 MB with them, 724–812 MB with an 8 MB young generation, 705–771 MB
// with the old generation capped as below too (pairs of runs, alternated; bench:http unchanged
// within noise). The cap is ~4× what a thread holds (~45 MB at 122,057 passages) and grows with the
// index; a thread that outgrows it ends with an error and its requests run in the server's thread.
// Young generation 16 MB, not 8, since the serving RSS fell to ~515 MB: under /v1/ask load the
// thread's scavenges took 506 ms per 15 s instead of 830 (32 MB: 383 ms), RSS under load 511–531 MB.
const threadLimits = (chunks: number) => ({ maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 128 + Math.ceil(chunks / 2_000) });

export interface PoolLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** A reply body written by a thread (JSON bytes), or the value of the server thread's own run. */
export type PoolResult<T> = { json: Buffer } | { value: T };

interface Pending {
  task: PoolTask;
  local: () => Promise<unknown>;
  resolve: (result: PoolResult<unknown>) => void;
  reject: (e: Error) => void;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  failed: boolean;
  pending: Map<number, Pending>;
  /** Settles once the thread has opened the index or failed. */
  started: Promise<void>;
  settleStart: () => void;
}

export type PoolTask = { op: 'search'; query: string; opts: RetrieveOptions } | { op: 'ask'; req: AskRequest };

function threadEntry(): URL {
  return COMPILED ? pathToFileURL(path.resolve(import.meta.dirname, '../../../dist/server/search-thread.mjs')) : new URL('./search-thread.mjs', import.meta.url);
}

export class SearchPool {
  private readonly threads: Thread[] = [];
  private nextId = 0;
  /** Tasks handed to a thread so far (logs, tests). */
  handed = 0;
  private closing = false;
  private idle?: () => void;
  private readonly queue: Pending[] = [];
  private localTurn = false;

  private readonly allStarted: Promise<void>;
  private settleAllStarted = () => {};

  /**
   * `size` threads, started by start(); until then the server's thread searches. `chunks`: the
   * index's passages, which size a thread's heap limit.
   */
  constructor(
    private readonly count: number,
    private readonly init: ThreadInit,
    private readonly log?: PoolLogger,
    private readonly chunks = 0,
  ) {
    this.allStarted = new Promise<void>((resolve) => (this.settleAllStarted = resolve));
  }

  /** Starts the threads (once; not after close()). Each opens the index, then takes work. */
  start(): void {
    if (this.threads.length > 0 || this.closing) return;
    const startedAt = performance.now();
    for (let i = 0; i < this.count; i++) {
      let settleStart = () => {};
      const started = new Promise<void>((resolve) => (settleStart = resolve));
      const worker = new Worker(threadEntry(), { workerData: this.init, resourceLimits: threadLimits(this.chunks) });
      const thread: Thread = { worker, ready: false, failed: false, pending: new Map(), started, settleStart };
      thread.worker.on('message', (reply: ThreadReply) => {
        if (reply.kind === 'ready') {
          thread.ready = true;
          thread.settleStart();
          this.pump();
          this.log?.info({ thread: i, ms: Math.round(performance.now() - startedAt) }, 'search thread ready');
          return;
        }
        if (reply.kind === 'failed') return this.fail(thread, `${reply.name}: ${reply.message}`);
        for (const result of reply.results) {
          const waiter = thread.pending.get(result.id);
          if (!waiter) continue;
          thread.pending.delete(result.id);
          if (result.kind === 'done') waiter.resolve({ json: Buffer.from(result.json.buffer, result.json.byteOffset, result.json.byteLength) });
          else waiter.reject(Object.assign(new Error(result.message), { name: result.name }));
        }
        this.pump();
        this.checkIdle();
      });
      thread.worker.on('error', (error) => this.fail(thread, error.message));
      thread.worker.on('exit', (code) => {
        if (!this.closing) this.fail(thread, `exited with code ${code}`);
      });
      // A thread must not keep a server that is shutting down alive.
      thread.worker.unref();
      this.threads.push(thread);
    }
    void Promise.all(this.threads.map((t) => t.started)).then(this.settleAllStarted);
  }

  /** Settles when every thread has been started and has opened the index or failed (for benchmarks and tests; the server does not wait). */
  async whenStarted(): Promise<void> {
    await this.allStarted;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Runs `task` in a search thread, or `local` (the same work) in the server's thread while no
   * thread can. Rejects as the search itself would.
   */
  run<T>(task: PoolTask, local: () => Promise<T>): Promise<PoolResult<T>> {
    return new Promise<PoolResult<T>>((resolve, reject) => {
      this.queue.push({ task, local, resolve: resolve as (r: PoolResult<unknown>) => void, reject });
      this.pump();
    });
  }

  /** Hands queued work to threads with room, and schedules the server thread's next turn. */
  private pump(): void {
    while (this.queue.length > 0 && !this.closing) {
      let best: Thread | undefined;
      for (const t of this.threads) if (t.ready && !t.failed && t.pending.size < MAX_QUEUED && (!best || t.pending.size < best.pending.size)) best = t;
      if (!best) break;
      const entry = this.queue.shift()!;
      const id = this.nextId++;
      this.handed++;
      best.pending.set(id, entry);
      best.worker.postMessage({ ...entry.task, id } satisfies ThreadTask);
    }
    if (this.queue.length > 0 && !this.localTurn && !this.threadsServing()) {
      this.localTurn = true;
      setImmediate(this.runLocal);
    }
  }

  /** Whether some thread takes work: until then, once all have failed, or once closing, the server's thread searches. */
  private threadsServing(): boolean {
    if (this.closing) return false;
    for (const t of this.threads) if (t.ready && !t.failed) return true;
    return false;
  }

  /** One queued request in the server's thread, after the I/O (thread replies included) waiting in this loop turn. */
  private readonly runLocal = (): void => {
    this.localTurn = false;
    this.pump();
    if (this.threadsServing()) return;
    const entry = this.queue.shift();
    if (!entry) return;
    // Started now (its CPU work runs to its first real wait); the next turn is not held up by its waits.
    entry.local().then((value) => entry.resolve({ value }), entry.reject);
    this.pump();
  };

  /** Stops taking work, lets the tasks in hand finish, then ends the threads. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.threads.some((t) => t.pending.size > 0)) await new Promise<void>((resolve) => (this.idle = resolve));
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  private checkIdle(): void {
    if (this.idle && this.threads.every((t) => t.pending.size === 0)) this.idle();
  }

  private fail(thread: Thread, why: string): void {
    if (thread.failed) return;
    thread.failed = true;
    thread.settleStart();
    this.log?.warn({ why }, 'a search thread failed; its searches run in the server thread');
    // Not lost: its requests go back to the head of the queue.
    this.queue.unshift(...thread.pending.values());
    thread.pending.clear();
    this.pump();
    this.checkIdle();
  }
}

/**
 * Threads to start for an index. A thread holds its own copy of the index (~250 MB for 1,380
 * real calls) and a request handed to it costs a message each way, so `auto` starts them only
 * where searching dominates a request: a library of at least AUTO_MIN_CHUNKS chunks (a search
 * there costs ~1 ms, ten times the HTTP work; on the two seed calls it costs about as much as the
 * HTTP work). One per core beyond the server's own, at most AUTO_MAX_THREADS.
 */
export function searchThreadCount(setting: 'auto' | number, chunks: number, cores: number): number {
  if (setting !== 'auto') return setting;
  return chunks >= AUTO_MIN_CHUNKS ? Math.max(0, Math.min(AUTO_MAX_THREADS, cores - 1)) : 0;
}
