// Slack wants a 200 within 3 seconds, so answers are produced after the reply, as background
// jobs. They are tracked so shutdown can wait for them, and a failing job is logged, never
// allowed to become an unhandled rejection that would take the process down.

export interface JobLogger {
  error(obj: object, msg?: string): void;
}

export interface Jobs {
  run(name: string, job: () => Promise<void>): void;
  /** Resolves once no job is running, including jobs started while waiting. */
  drain(): Promise<void>;
  readonly size: number;
}

export function createJobs(log: JobLogger): Jobs {
  const running = new Set<Promise<void>>();
  return {
    run(name, job) {
      const p: Promise<void> = Promise.resolve()
        .then(job)
        .catch((err: unknown) => log.error({ err, job: name }, 'slack background job failed'))
        .finally(() => running.delete(p));
      running.add(p);
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    get size() {
      return running.size;
    },
  };
}
