import type { IngestEvent } from '../../../ingest/pipeline.ts';
import { createProgressReporter, type ProgressReporter } from '../../../ingest/progress.ts';

/**
 * Ingest's progress bars on a terminal; elsewhere (CI logs, redirected output) one line per stage
 * every 10%, so a build of several minutes still shows it is moving.
 */
export function createIngestProgress(write: (line: string) => void = (l) => process.stderr.write(l)): ProgressReporter {
  if (process.stderr.isTTY) return createProgressReporter({ enabled: true });
  const lastTenth = new Map<string, number>();
  let files = 0;
  let filesTotal = 0;
  const step = (stage: string, done: number, total: number) => {
    const tenth = total > 0 ? Math.floor((10 * done) / total) : 10;
    if (tenth === lastTenth.get(stage)) return;
    lastTenth.set(stage, tenth);
    write(`  ${stage} ${done}/${total}\n`);
  };
  return {
    onEvent(event: IngestEvent) {
      if (event.type === 'notice') write(`${event.message}\n`);
      else if (event.type === 'files') filesTotal = event.total;
      else if (event.type === 'file') {
        if (event.status === 'skipped') write(`skipped ${event.message}\n`);
        step('files', ++files, filesTotal);
      } else step(event.type, event.done, event.total);
    },
    stop: () => {},
  };
}
