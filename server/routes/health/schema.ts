import { z } from 'zod';
import { problemResponse } from '../../errors.ts';

export const healthSchema = {
  summary: 'Liveness: the process is up',
  tags: ['health'],
  security: [],
  response: { 200: z.object({ status: z.literal('ok') }) },
};

export const readySchema = {
  summary: 'Readiness: the index is loaded and holds something to answer from',
  tags: ['health'],
  security: [],
  response: {
    200: z.object({
      status: z.literal('ready'),
      chunks: z.number().int(),
      calls: z.number().int(),
      embedder: z.string(),
      generation: z.string().describe('The index generation being served (a new one is picked up without a restart)'),
    }),
    503: problemResponse('The index is not loaded or holds no chunks'),
  },
};
