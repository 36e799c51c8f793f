// A pool of worker threads that parse, chunk and embed (local embedder) source files, so an
// ingest uses every core. Files are handed out to the least busy worker; callers await each
// file's promise and consume results in source order.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParsedFile } from './parse-file.ts';
import { TranscriptParseError } from './types.ts';


declare const __COMPILED__: boolean | undefined;
/**
 * The compiled ingest (server/compile.ts defines it) starts the compiled worker beside it; the
 * sources start parse-worker.mjs, which loads the TypeScript through tsx (~0.2 s and ~30 MB a worker).
 */
const WORKER_SCRIPT =
  typeof __COMPILED__ !== 'undefined' && __COMPILED__
    ? pathToFileURL(path.resolve(import.meta.dirname, '../dist/server/parse-worker.mjs'))
    : new URL('./parse-worker.mjs', import.meta.url);

export interface ParseTask {
  id: number;
  relative: string;
  bytes: Uint8Array;
  sha256: string;
  maxTokens: number;
  /** Embed the chunks with the local embedder of this id (vectors come back flat). */
  embed?: { id: string; dimensions: number };
  /** Analyse the chunks for the lexical index too. */
  lexical?: boolean;
}

/** Chunk j's analysed terms are `vocabulary[ids[k]]` for k in `ends[j-1] .. ends[j]`. */
export interface FileTerms {
  vocabulary: string[];
  ids: Uint32Array;
  ends: Uint32Array;
}

export type ParseReply =
  | ({ id: number; ok: true; vectors?: Float32Array; terms?: FileTerms } & ParsedFile)
  | { id: number; ok: false; name: string; message: string; parseError?: { file: string; line?: number } };

export interface ParseOutcome extends ParsedFile {
  /** `chunks.length × dimensions`, chunk major, when the task asked for embedding. */
  vectors?: Float32Array;
  /** When the task asked for them. */
  terms?: FileTerms;
}

/** Worker count when none is configured: one per core the process may use. */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

interface Slot {
  worker: Worker;
  busy: number;
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly waiting = new Map<number, { resolve: (r: ParseOutcome) => void; reject: (e: Error) => void; slot: Slot }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_SCRIPT);
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (reply: ParseReply) => this.settle(reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`ingest worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  /** Parses (and embeds, if asked) one file; the bytes are transferred to the worker. */
  parse(task: Omit<ParseTask, 'id'>): Promise<ParseOutcome> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    return new Promise<ParseOutcome>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, slot });
      const bytes = task.bytes.byteOffset === 0 && task.bytes.byteLength === task.bytes.buffer.byteLength ? task.bytes : task.bytes.slice();
      slot.worker.postMessage({ ...task, bytes, id }, [bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private settle(reply: ParseReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    waiter.slot.busy--;
    if (reply.ok) {
      const { id: _, ok: __, ...outcome } = reply;
      waiter.resolve(outcome);
    } else if (reply.parseError) {
      const error = new TranscriptParseError('', reply.parseError.file, reply.parseError.line);
      error.message = reply.message;
      waiter.reject(error);
    } else {
      const error = new Error(reply.message);
      error.name = reply.name;
      waiter.reject(error);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const [id, waiter] of this.waiting) {
      this.waiting.delete(id);
      waiter.reject(error);
    }
  }
}
