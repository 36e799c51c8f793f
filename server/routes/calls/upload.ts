import { dirname } from 'node:path';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Embedder } from '../../../ingest/embedders/embedder.ts';
import { IndexStoreError } from '../../../ingest/index-store/errors.ts';
import { openIndex } from '../../../ingest/index-store/read.ts';
import { sha256Hex } from '../../../ingest/load-file.ts';
import { parseSourceFile } from '../../../ingest/parse-file.ts';
import { ingest } from '../../../ingest/pipeline.ts';
import { TranscriptParseError } from '../../../ingest/types.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { uploadSchema, type UploadBody } from './upload-schema.ts';

const DEFAULT_MAX_TOKENS = 300;

/** multipart/form-data → the JSON body's shape (each file part as base64, so its bytes reach the same decoder). */
async function formToBody(body: Buffer, contentType: string): Promise<UploadBody> {
  let form: FormData;
  try {
    form = await new Response(new Blob([new Uint8Array(body)]), { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    throw new AppError('bad_request:request', `The multipart body could not be read: ${(error as Error).message}`);
  }
  const files: UploadBody['files'] = [];
  const parts: (string | File)[] = [];
  form.forEach((value) => parts.push(value));
  for (const value of parts) {
    if (typeof value === 'string') continue;
    files.push({ name: value.name.split(/[\\/]/).pop() ?? '', base64: Buffer.from(await value.arrayBuffer()).toString('base64') });
  }
  return { files };
}

const bytesOf = (f: UploadBody['files'][number]): Uint8Array => (f.text !== undefined ? Buffer.from(f.text, 'utf8') : Buffer.from(f.base64!, 'base64'));

const routes: FastifyPluginAsyncZod<{ embedder: Embedder }> = async (app, { embedder }) => {
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, async (request: { headers: Record<string, unknown> }, body: Buffer) =>
    formToBody(body, String(request.headers['content-type'])),
  );
  // One upload ingest at a time in this process; another process's ingest holds the index lock (409).
  let queue: Promise<unknown> = Promise.resolve();

  app.post('/calls', { schema: uploadSchema }, async (request, reply) => {
    const files = request.body.files.map((f) => ({ name: f.name, bytes: bytesOf(f) }));
    const names = new Set<string>();
    const errors: FieldError[] = [];
    const maxTokens = app.index.manifest.chunking?.maxTokens ?? DEFAULT_MAX_TOKENS;
    for (const f of files) {
      if (names.has(f.name)) errors.push({ path: f.name, message: 'the same file name is given twice' });
      names.add(f.name);
      try {
        const { entry } = parseSourceFile(f.bytes, f.name, sha256Hex(f.bytes), maxTokens);
        // Ingest would skip it: another file of the library already has this call id.
        const taken = app.index.callById(entry.callId);
        if (taken && taken.call.file !== f.name) errors.push({ path: f.name, message: `call id ${entry.callId} is already taken by ${taken.call.file}; rename the file` });
      } catch (error) {
        if (!(error instanceof TranscriptParseError)) throw error;
        errors.push({ path: f.name, message: error.message });
      }
    }
    if (errors.length > 0) {
      throw new AppError('unprocessable:call', `${errors.length} of ${files.length} file(s) could not be read as transcripts; nothing was added`, { errors });
    }
    const before = app.index;
    const run = queue.then(() => ingest({ paths: [], files, indexDir: dirname(before.dir), embedder, chunkMaxTokens: maxTokens, workers: 0 }));
    queue = run.catch(() => undefined);
    const summary = await run.catch((error: unknown) => {
      if (error instanceof IndexStoreError && error.code === 'locked') throw new AppError('conflict:index', 'Another ingest is writing the index; try again when it has finished', { cause: error });
      throw error;
    });
    if (summary.changed) await app.library.swap(await openIndex(dirname(before.dir), { expectEmbedderId: embedder.id }));
    const served = app.index;
    const byFile = new Map(served.calls.map((d) => [d.call.file, d]));
    const missing = files.filter((f) => !byFile.has(f.name));
    if (missing.length > 0) {
      // Not expected after the checks above (another ingest may have changed the library meanwhile).
      const skipped = new Map(summary.skipped.map((k) => [k.file, k.message]));
      throw new AppError('unprocessable:call', `${missing.length} file(s) were not added`, {
        errors: missing.map((f) => ({ path: f.name, message: skipped.get(f.name) ?? 'not indexed' })),
      });
    }
    const calls = files.map((f) => {
      const doc = byFile.get(f.name)!;
      const old = before.callById(doc.call.id);
      const status = !old ? ('added' as const) : old.call.sha256 === doc.call.sha256 ? ('unchanged' as const) : ('updated' as const);
      return { id: doc.call.id, file: doc.call.file, title: doc.call.title, status, chunks: doc.chunkCount };
    });
    return reply.code(201).send({ generation: app.library.generation, calls, totalCalls: served.calls.length, totalChunks: served.chunks.length });
  });
};

export const callUploadRoutes = fp(routes, { name: 'call-upload-routes', dependencies: ['transcript-index'], encapsulate: true });
