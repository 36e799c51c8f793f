import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OPENAI_ERRORS } from '../../openai-error.ts';
import { answerWithSources } from '../shared/citation-text.ts';
import { plainJsonReplies } from '../shared/schemas.ts';
import { clientGone, unlessClientGone } from '../shared/sse.ts';
import { estimateTokens, messageText, toAskInput } from './conversation.ts';
import { chatCompletionsSchema, listModelsSchema, MODEL_ID } from './schema.ts';
import { streamCompletion } from './stream.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  // Reported as the models' creation time: when this server started.
  const started = Math.floor(Date.now() / 1000);

  app.get('/models', { schema: listModelsSchema, config: OPENAI_ERRORS }, async () => ({
    object: 'list' as const,
    data: [{ id: MODEL_ID, object: 'model' as const, created: started, owned_by: MODEL_ID }],
  }));

  app.post('/chat/completions', { schema: chatCompletionsSchema, config: OPENAI_ERRORS, ...plainJsonReplies }, async (request, reply) => {
    const body = request.body;
    const { question, history } = toAskInput(body.messages);
    const req = { question, messages: history };
    const signal = clientGone(reply);
    const meta = {
      id: `chatcmpl-${randomUUID().replaceAll('-', '')}`,
      created: Math.floor(Date.now() / 1000),
      model: body.model || MODEL_ID,
      promptTokens: estimateTokens(body.messages.map(messageText).join('\n')),
      includeUsage: body.stream_options?.include_usage === true,
    };
    if (body.stream) return streamCompletion(app.rag.ask, req, reply, signal, meta);

    const result = await unlessClientGone(reply, signal, () => app.rag.ask.ask(req, { signal }));
    if (!('answer' in result)) return result;
    const content = answerWithSources(result.answer, result.citations, result.seeAlso);
    const completion = estimateTokens(content);
    return {
      id: meta.id,
      object: 'chat.completion' as const,
      created: meta.created,
      model: meta.model,
      choices: [{ index: 0, message: { role: 'assistant' as const, content }, finish_reason: 'stop' as const }],
      usage: { prompt_tokens: meta.promptTokens, completion_tokens: completion, total_tokens: meta.promptTokens + completion },
      citations: result.citations,
      ...(result.verification && { verification: result.verification }),
    };
  });
};

export const chatCompletionRoutes = fp(routes, { name: 'chat-completion-routes', dependencies: ['rag'], encapsulate: true });
