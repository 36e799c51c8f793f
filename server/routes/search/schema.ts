import { z } from 'zod';
import { problemResponse, v1Problems } from '../../errors.ts';
import { filtersSchema, kSchema, roleSchema, sectionSchema, textInput, understoodSchema } from '../shared/schemas.ts';

const scoresSchema = z.object({
  dense: z.number().describe('Cosine similarity of the embeddings'),
  lexical: z.number().describe('BM25 score'),
  fused: z.number().describe('Rank-fusion score after boosts: what the results are ordered by'),
});

export const searchResultSchema = z.object({
  chunkId: z.string(),
  callId: z.string(),
  callTitle: z.string(),
  file: z.string(),
  startLine: z.number().int(),
  endLine: z.number().int(),
  lines: z.array(z.number().int()).describe('Source lines of the paragraphs in this passage'),
  speaker: z.string().describe('Who says most of the passage'),
  speakers: z.array(z.string()).describe('Everyone speaking in the passage, in order (a passage can group consecutive short turns)'),
  title: z.string().optional(),
  role: roleSchema,
  section: sectionSchema,
  firm: z.string().optional(),
  text: z.string(),
  startTime: z.number().optional(),
  endTime: z.number().optional(),
  scores: scoresSchema,
});

export const searchSchema = {
  summary: 'Search the transcripts: the best passages with exact source lines',
  tags: ['search'],
  body: z.strictObject({
    query: textInput('query'),
    k: kSchema,
    filters: filtersSchema.optional(),
  }),
  response: {
    200: z.object({
      results: z.array(searchResultSchema),
      understood: understoodSchema,
      confidence: z.number().describe('Share of the query the best passages cover, 0..1'),
      covered: z.boolean().describe('False when the transcripts likely do not answer the query'),
      tookMs: z.number(),
    }),
    400: problemResponse('Invalid query, k or filters'),
    ...v1Problems,
  },
};
