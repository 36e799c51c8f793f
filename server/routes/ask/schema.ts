import { z } from 'zod';
import { problemResponse, v1Problems } from '../../errors.ts';
import { citationSchema, filtersSchema, kSchema, MAX_QUESTION_CHARS, textInput, understoodSchema, verificationSchema } from '../shared/schemas.ts';

export const MAX_MESSAGES = 20;

const messageSchema = z.strictObject({
  role: z.enum(['user', 'assistant']),
  content: z.string().max(MAX_QUESTION_CHARS * 4),
});

export const askResultSchema = z.object({
  answer: z.string().describe('The answer with [n] markers pointing at citations'),
  answered: z.boolean().describe("False when the transcripts don't cover the question (see seeAlso)"),
  mode: z.enum(['extractive', 'llm']),
  degraded: z.boolean().optional().describe('True when the LLM failed and the extractive answer was served'),
  degradedReason: z
    .string()
    .optional()
    .describe('llm_timeout, llm_rate_limited, llm_error, llm_bad_response, llm_no_valid_citations or llm_unverified_claims (no cited claim of the reply was supported by its passages)'),
  citations: z.array(citationSchema),
  verification: verificationSchema.optional(),
  seeAlso: z.array(citationSchema).describe('Nearby passages worth reading, not cited by the answer'),
  understood: understoodSchema,
  query: z.string().describe('The standalone query that was searched (differs from the question for follow-ups)'),
  tookMs: z.number(),
});

export const askSchema = {
  summary: 'Answer a question with citations to exact transcript lines',
  description: [
    'JSON by default. With `stream: true` or `Accept: text/event-stream` the answer comes as server-sent events:',
    '`token` (`{text}`, a preview), `citations` (`{citations, seeAlso}`), `done` (the full result, as the JSON reply)',
    'or `error` (`{code, message}`). Replace the previewed text with `done.answer`.',
  ].join(' '),
  tags: ['ask'],
  body: z.strictObject({
    question: textInput('question'),
    k: kSchema,
    filters: filtersSchema.optional(),
    messages: z.array(messageSchema).max(MAX_MESSAGES).optional().describe('Earlier turns of the conversation, oldest first'),
    stream: z.boolean().optional(),
  }),
  response: {
    200: askResultSchema,
    400: problemResponse('Invalid question, k, filters or messages'),
    ...v1Problems,
    500: problemResponse('Retrieval failed'),
  },
};
