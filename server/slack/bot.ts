// The bot's state and collaborators, made once by the plugin and handed to each handler.
import type { FastifyBaseLogger } from 'fastify';
import type { LinkSigner } from '../auth/link-signature.ts';
import type { AskUseCase } from '../rag/ask.ts';
import { createAnswerCache, type AnswerCache } from './state/answer-cache.ts';
import type { SlackApi } from './client.ts';
import { createDedupe, type Dedupe } from './state/dedupe.ts';
import { createJobs, type Jobs } from './jobs.ts';
import { createThreadMemory, type ThreadMemory } from './state/thread-memory.ts';

export interface SlackBot {
  api: SlackApi;
  ask: AskUseCase;
  log: FastifyBaseLogger;
  publicBaseUrl?: string;
  /** Signs source links when the API needs keys, so people in Slack can open them. */
  signLink?: LinkSigner;
  jobs: Jobs;
  dedupe: Dedupe;
  threads: ThreadMemory;
  answers: AnswerCache;
  /** The bot's own user ids (auth.test, and each event's authorizations): its messages are never questions. */
  botUserIds: Set<string>;
  /** Looks the bot's identity up once, in the background; a failure is logged and retried on the next event. */
  learnIdentity(): void;
}

export interface SlackBotOptions {
  api: SlackApi;
  ask: AskUseCase;
  log: FastifyBaseLogger;
  publicBaseUrl?: string;
  signLink?: LinkSigner;
}

export function createSlackBot(opts: SlackBotOptions): SlackBot {
  const botUserIds = new Set<string>();
  let identity: Promise<void> | undefined;
  const bot: SlackBot = {
    ...opts,
    jobs: createJobs(opts.log),
    dedupe: createDedupe(),
    threads: createThreadMemory(),
    answers: createAnswerCache(),
    botUserIds,
    learnIdentity() {
      identity ??= opts.api.authTest().then(
        ({ userId }) => {
          if (userId) botUserIds.add(userId);
          opts.log.info({ botUserId: userId }, 'slack bot identity');
        },
        (err: unknown) => {
          identity = undefined;
          opts.log.warn({ err }, 'slack auth.test failed; relying on event authorizations');
        },
      );
    },
  };
  return bot;
}
