import { z } from 'zod';
import { problemResponse, v1Problems } from '../../errors.ts';
import { citationSchema, verificationSchema } from '../shared/schemas.ts';

export const MODEL_ID = 'transcript-qa';

// Loose objects: OpenAI clients send fields we have no use for (temperature, tools, user, …);
// rejecting them would break those clients for no gain.
// Every text field is capped (the body limit alone let one request hold a megabyte of history);
// within the caps a long history is accepted and only its newest turns are read (conversation-bounds.ts).
export const MAX_CHAT_MESSAGE_CHARS = 32_000;
const textPart = z.looseObject({ type: z.string().max(64), text: z.string().max(MAX_CHAT_MESSAGE_CHARS).optional() });

export const chatMessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string().max(MAX_CHAT_MESSAGE_CHARS), z.array(textPart).max(64), z.null()]).optional(),
});

export type ChatMessageInput = z.infer<typeof chatMessageSchema>;

const usageSchema = z.object({
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  total_tokens: z.number().int(),
});

export const chatCompletionsSchema = {
  summary: 'OpenAI-compatible chat completions over the transcripts',
  description: [
    'The last user message is the question; earlier user and assistant messages are the conversation.',
    'The content is the answer with [n] markers followed by a "Sources:" list; `citations` is an extra field.',
    'With `stream: true`, `chat.completion.chunk` events end with `data: [DONE]`: the role chunk, then the verified content in one delta (the model tokens are not forwarded, since claims the cited passages do not support are dropped once the reply is complete), then a stop chunk carrying `citations` (and `verification`).',
    'An LLM reply is checked claim by claim: figures, names and quotations must occur in the passages a claim cites; `verification` says how many claims were dropped.',
    'Sampling fields (temperature, max_tokens, …) are accepted and ignored.',
  ].join(' '),
  tags: ['openai'],
  body: z.looseObject({
    model: z.string().max(200).optional(),
    messages: z.array(chatMessageSchema).min(1).max(200),
    stream: z.boolean().nullish(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  }),
  response: {
    200: z.object({
      id: z.string(),
      object: z.literal('chat.completion'),
      created: z.number().int(),
      model: z.string(),
      choices: z.array(
        z.object({
          index: z.number().int(),
          message: z.object({ role: z.literal('assistant'), content: z.string() }),
          finish_reason: z.literal('stop'),
        }),
      ),
      usage: usageSchema.describe('Estimates (about 4 characters per token)'),
      citations: z.array(citationSchema),
      verification: verificationSchema.optional(),
    }),
    400: problemResponse('No user message, or a question that is empty or too long'),
    ...v1Problems,
    500: problemResponse('Retrieval failed'),
  },
};

export const listModelsSchema = {
  summary: 'The models /v1/chat/completions answers as (OpenAI-compatible)',
  tags: ['openai'],
  response: {
    200: z.object({
      object: z.literal('list'),
      data: z.array(z.object({ id: z.string(), object: z.literal('model'), created: z.number().int(), owned_by: z.string() })),
    }),
    ...v1Problems,
  },
};
