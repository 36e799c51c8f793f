import { z } from 'zod';
import { problemResponse, v1Problems } from '../../errors.ts';

/** Transcripts one request may add. */
export const MAX_UPLOAD_FILES = 50;

const fileName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((n) => !/[\\/]/.test(n) && !n.startsWith('.'), 'must be a plain file name (no folders, not hidden)')
  .describe('File name; the call id comes from it (`Q3 Call.txt` → `q3-call`), and a name already in the library updates that call');

const uploadFile = z
  .strictObject({
    name: fileName,
    text: z.string().optional().describe('The transcript as text'),
    base64: z.string().optional().describe('Or its bytes, base64-encoded (e.g. a UTF-16 export)'),
  })
  .refine((f) => (f.text === undefined) !== (f.base64 === undefined), 'give exactly one of text and base64');

export const uploadBody = z
  .strictObject({ files: z.array(uploadFile).min(1).max(MAX_UPLOAD_FILES) })
  .describe(
    'JSON, or multipart/form-data with one file part per transcript. Formats are detected per file, as `npm run ingest` does.',
  );

export type UploadBody = z.infer<typeof uploadBody>;

const callStatus = z.object({
  id: z.string(),
  file: z.string(),
  title: z.string(),
  status: z.enum(['added', 'updated', 'unchanged']),
  chunks: z.number().int(),
});

export const uploadSchema = {
  summary: 'Add or update transcripts in the library',
  description:
    'Parses, indexes and serves the transcripts at once (a new index generation). A file that cannot be parsed fails the request with ' +
    'a 422 listing each such file and line; nothing is added then.',
  tags: ['calls'],
  body: uploadBody,
  response: {
    201: z.object({ generation: z.string(), calls: z.array(callStatus), totalCalls: z.number().int(), totalChunks: z.number().int() }),
    409: problemResponse('Another ingest is writing the index'),
    422: problemResponse('A file could not be parsed; `errors` has one entry per file'),
    ...v1Problems,
  },
};
