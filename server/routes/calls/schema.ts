import { z } from 'zod';
import { problemResponse, v1Problems } from '../../errors.ts';

/** The widest line range one request may ask for; bigger reads page with `from`. */
export const MAX_LINE_RANGE = 2000;

const callSummary = z.object({
  id: z.string(),
  file: z.string(),
  title: z.string(),
  company: z.string().optional().describe('The company as the call introduces itself, in its fullest form'),
  companyAliases: z.array(z.string()).optional().describe('Shorter names the call supports and the ticker'),
  ticker: z.string().optional().describe("The title line's leading ticker"),
  companyKey: z.string().optional().describe('Shared by all calls of one company: `ticker:XYZ`, else `name:…`'),
  fiscalQuarter: z.number().int().min(1).max(4).optional(),
  fiscalYear: z.number().int().optional(),
  fiscal: z.boolean().optional().describe('The call said fiscal/FY about its period'),
  periodSource: z.enum(['text', 'title']).optional().describe("'text': quarter and year from the spoken introduction; 'title': the title line filled some in"),
  callDate: z.string().optional().describe('yyyy-mm-dd, when the introduction states the date of the call'),
  turns: z.number().int(),
  chunks: z.number().int(),
});

export const listCallsSchema = {
  summary: 'List the indexed calls',
  tags: ['calls'],
  response: { 200: z.object({ calls: z.array(callSummary) }), ...v1Problems },
};

const lineNumber = z.coerce.number().int().min(1);

export const callLinesSchema = {
  summary: "Read a call's English transcript lines in a range of source line numbers",
  tags: ['calls'],
  params: z.object({ id: z.string().min(1).max(200) }),
  querystring: z
    .object({
      from: lineNumber.optional().describe('First source line (1-based, inclusive)'),
      to: lineNumber.optional().describe(`Last source line (inclusive); at most ${MAX_LINE_RANGE} lines after from`),
      s: z.string().max(64).optional().describe('Signature of a shared source link (Slack answers): reads this call without an API key'),
    })
    .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
      path: ['to'],
      message: 'must be greater than or equal to from',
    })
    .refine((q) => q.to === undefined || q.to - (q.from ?? 1) < MAX_LINE_RANGE, {
      path: ['to'],
      message: `the range may span at most ${MAX_LINE_RANGE} lines`,
    }),
  response: {
    200: z.object({
      callId: z.string(),
      file: z.string(),
      title: z.string(),
      from: z.number().int(),
      to: z.number().int(),
      lines: z.array(
        z.object({
          n: z.number().int(),
          text: z.string(),
          speaker: z.string().optional(),
          startTime: z.number().optional().describe('Caption transcripts (VTT/SRT): when the cue starting on this line begins, in seconds'),
        }),
      ),
      nextFrom: z.number().int().optional().describe('Set when lines remain after `to`: the `from` of the next page'),
    }),
    400: problemResponse('Invalid call id or line range'),
    404: problemResponse('No call with that id'),
    ...v1Problems,
  },
};
