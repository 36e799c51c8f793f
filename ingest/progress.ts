import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { IngestEvent } from './pipeline.ts';

export interface ProgressReporter {
  onEvent: (event: IngestEvent) => void;
  stop: () => void;
}

/** Progress bars on a terminal; skipped files are always reported on stderr, with or without bars. */
export function createProgressReporter({ enabled }: { enabled: boolean }): ProgressReporter {
  const bars = enabled
    ? new MultiBar({ format: ' {stage} [{bar}] {value}/{total} {file}', hideCursor: true, clearOnComplete: false }, Presets.shades_classic)
    : undefined;
  const stages = new Map<string, SingleBar>();
  const bar = (stage: string, total: number): SingleBar | undefined => {
    if (!bars) return undefined;
    let b = stages.get(stage);
    if (!b) {
      b = bars.create(total, 0, { stage: stage.padEnd(6), file: '' });
      stages.set(stage, b);
    }
    b.setTotal(total);
    return b;
  };
  let filesDone = 0;
  let filesTotal = 0;
  return {
    onEvent(event) {
      if (event.type === 'notice') {
        if (bars) bars.log(`${event.message}\n`);
        else process.stderr.write(`${event.message}\n`);
      } else if (event.type === 'files') {
        filesTotal = event.total;
        bar('files', filesTotal);
      } else if (event.type === 'file') {
        filesDone++;
        bar('files', filesTotal)?.update(filesDone, { file: event.file });
        if (event.status === 'skipped') {
          const line = `skipped ${event.message}\n`;
          if (bars) bars.log(line);
          else process.stderr.write(line);
        }
      } else if (event.total > 0) {
        bar(event.type, event.total)?.update(event.done, { file: '' });
      }
    },
    stop: () => bars?.stop(),
  };
}
