// The bot's port to Slack: the handful of Web API calls it makes, behind a small interface, with
// the SDK's WebClient as the adapter. Rate limits: the SDK waits out Retry-After and retries
// (rejectRateLimitedCalls: false), within a bounded retry policy so no job hangs for long.
import { WebClient, type Logger as SlackLogger, LogLevel, type RetryOptions } from '@slack/web-api';
import type { FastifyBaseLogger } from 'fastify';
import type { Block, SlackMessage } from './messages/blocks.ts';

export interface SlackApi {
  authTest(): Promise<{ userId?: string; botId?: string }>;
  postMessage(args: SlackMessage & { channel: string; thread_ts?: string }): Promise<{ ts?: string }>;
  postEphemeral(args: SlackMessage & { channel: string; user: string; thread_ts?: string }): Promise<void>;
  addReaction(args: { channel: string; timestamp: string; name: string }): Promise<void>;
  removeReaction(args: { channel: string; timestamp: string; name: string }): Promise<void>;
  /** POSTs to a response_url from a verified slash command or interaction payload. */
  respond(responseUrl: string, body: Partial<SlackMessage> & { response_type?: 'ephemeral' | 'in_channel'; replace_original?: boolean; delete_original?: boolean }): Promise<void>;
}

export interface SlackClientOptions {
  token: string;
  apiUrl: string;
  log: FastifyBaseLogger;
  retryConfig?: RetryOptions;
  /** Per HTTP attempt. */
  timeoutMs?: number;
}

/** Three retries over at most ~10 s of backoff, on top of any Retry-After waits: answers go stale. */
export const DEFAULT_RETRY: RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 4_000, randomize: true };

/** The Slack error code (`not_in_channel`, `ratelimited`, …) carried by an SDK or respond() error. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error as { data?: { error?: unknown }; code?: unknown; slackError?: unknown } | undefined;
  if (typeof e?.data?.error === 'string') return e.data.error;
  if (typeof e?.slackError === 'string') return e.slackError;
  if (e?.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  return undefined;
}

export class ResponseUrlError extends Error {
  constructor(
    readonly status: number,
    readonly slackError: string,
  ) {
    super(`response_url answered ${status}: ${slackError}`);
    this.name = 'ResponseUrlError';
  }
}

function sdkLogger(log: FastifyBaseLogger): SlackLogger {
  const child = log.child({ component: 'slack-web-api' });
  const line = (msg: unknown[]) => msg.map(String).join(' ');
  return {
    debug: (...msg) => child.debug(line(msg)),
    info: (...msg) => child.info(line(msg)),
    warn: (...msg) => child.warn(line(msg)),
    error: (...msg) => child.error(line(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}

const blocksOf = (blocks: Block[]) => blocks as unknown as Array<Record<string, unknown>> as never;

export function createSlackClient(opts: SlackClientOptions): SlackApi {
  const web = new WebClient(opts.token, {
    // The SDK appends the method name to this URL as is.
    slackApiUrl: opts.apiUrl.endsWith('/') ? opts.apiUrl : `${opts.apiUrl}/`,
    logger: sdkLogger(opts.log),
    retryConfig: opts.retryConfig ?? DEFAULT_RETRY,
    rejectRateLimitedCalls: false,
    timeout: opts.timeoutMs ?? 10_000,
    allowAbsoluteUrls: false,
  });
  const timeoutMs = opts.timeoutMs ?? 10_000;

  return {
    async authTest() {
      const r = await web.auth.test();
      return { userId: r.user_id, botId: r.bot_id };
    },
    async postMessage({ channel, thread_ts, text, blocks }) {
      const r = await web.chat.postMessage({ channel, thread_ts, text, blocks: blocksOf(blocks), unfurl_links: false, unfurl_media: false });
      return { ts: r.ts };
    },
    async postEphemeral({ channel, user, thread_ts, text, blocks }) {
      await web.chat.postEphemeral({ channel, user, thread_ts, text, blocks: blocksOf(blocks) });
    },
    async addReaction(args) {
      await web.reactions.add(args);
    },
    async removeReaction(args) {
      await web.reactions.remove(args);
    },
    async respond(responseUrl, body) {
      const res = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      // Slack answers response_url posts with a bare "ok" or JSON {ok, error}.
      let parsed: { ok?: boolean; error?: string } | undefined;
      try {
        parsed = JSON.parse(text) as { ok?: boolean; error?: string };
      } catch {
        parsed = undefined;
      }
      if (!res.ok || parsed?.ok === false) throw new ResponseUrlError(res.status, parsed?.error ?? text.slice(0, 200));
    },
  };
}
