import type { ChatModel } from './chat-model.ts';

// A streamed answer is judged by its pace, not its length: it must start within firstTokenMs and
// never go quiet for idleMs. One total deadline threw away a slow model's half-written answer
// (a local 7B model writes a 300-token answer in 30 s, at a steady few tokens a second).

export interface StreamTimeouts {
  firstTokenMs: number;
  idleMs: number;
}

export interface StreamBudget {
  /** Fires with a TimeoutError reason (read as llm_timeout), or when `outer` fires. */
  signal: AbortSignal;
  /** A token arrived: the idle clock starts again. */
  tick(): void;
  dispose(): void;
}

export function streamBudget({ firstTokenMs, idleMs }: StreamTimeouts, outer?: AbortSignal): StreamBudget {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (ms: number, why: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new DOMException(why, 'TimeoutError')), ms);
  };
  arm(firstTokenMs, `the LLM sent no token within ${firstTokenMs} ms`);
  return {
    signal: outer ? AbortSignal.any([outer, controller.signal]) : controller.signal,
    tick: () => arm(idleMs, `the LLM sent nothing for ${idleMs} ms`),
    dispose: () => clearTimeout(timer),
  };
}

/** The same model, calling `tick` on every streamed delta. */
export function tickingModel(model: ChatModel, tick: () => void): ChatModel {
  return {
    id: model.id,
    complete: (messages, opts) => model.complete(messages, opts),
    async *stream(messages, opts) {
      for await (const delta of model.stream(messages, opts)) {
        tick();
        yield delta;
      }
    },
  };
}
