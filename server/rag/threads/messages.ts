import type { SharedIndexBytes } from '../../../ingest/index-store/shared-bytes.ts';
import type { ServerConfig } from '../../config.ts';
import type { AskRequest } from '../ask.ts';
import type { RetrieveOptions } from '../retrieval/retrieve.ts';

// What the server and its search threads say to each other (structured clone over a MessagePort).

export interface ThreadInit {
  indexDir: string;
  /** The generation folder the server serves: the thread opens this one, not whatever is live by then. */
  generationDir: string;
  config: ServerConfig;
  /** The index files the server has read already, shared rather than read again. */
  shared?: SharedIndexBytes;
}

export type ThreadTask = { id: number } & ({ op: 'search'; query: string; opts: RetrieveOptions } | { op: 'ask'; req: AskRequest });

export type ThreadReply =
  | { kind: 'ready' }
  | { kind: 'failed'; name: string; message: string }
  /** The results of one or more tasks, in the order they were answered. */
  | { kind: 'results'; results: TaskResult[] };

export type TaskResult =
  /** `json`: the reply body as UTF-8, its buffer transferred. */
  | { kind: 'done'; id: number; json: Uint8Array }
  | { kind: 'error'; id: number; name: string; message: string };
