// One source file → its call document and chunks. Pure and synchronous, so the same code runs on
// the main thread and in the ingest workers (parse-worker.ts).
import { annotateTranscript } from './annotate.ts';
import { buildCallDocument } from './call-document.ts';
import { chunkTranscript } from './chunk.ts';
import { callIdFromPath } from './formats/call-meta/call-id.ts';
import { decodeTranscript } from './formats/decode.ts';
import { parseTranscript } from './formats/parse.ts';
import type { CallDocument, ManifestFile } from './index-store/types.ts';
import type { Chunk } from './types.ts';

export interface ParsedFile {
  entry: ManifestFile;
  doc: CallDocument;
  chunks: Chunk[];
}

export function parseSourceFile(bytes: Uint8Array, relative: string, sha256: string, maxTokens: number): ParsedFile {
  const text = decodeTranscript(bytes, relative);
  const parsed = parseTranscript(text, relative);
  const callId = callIdFromPath(relative);
  const transcript = annotateTranscript(parsed, { id: callId, file: relative, sha256 });
  const chunks = chunkTranscript(transcript, { maxTokens });
  const doc = buildCallDocument(transcript, chunks.length);
  const entry: ManifestFile = { file: relative, callId, sha256, turns: transcript.turns.length, chunks: chunks.length };
  return { entry, doc, chunks };
}
