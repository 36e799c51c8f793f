// What an ingest does with each call (pure): a library grows, so the previous index's calls stay
// unless their file is given again (reused or updated) or removal is asked for explicitly.
import type { SourceFile } from './collect-files.ts';
import type { ManifestFile } from './index-store/types.ts';

export type PlanItem =
  /** A previous call whose file was not given: taken from the index as it is, never read. */
  | { kind: 'kept'; prior: ManifestFile }
  /** A given file: new, or the new version of a previous call (`prior`). */
  | { kind: 'source'; source: SourceFile; prior?: ManifestFile };

export interface IngestPlan {
  /** In final ordinal order: the previous calls in their order (updated ones in place), then new files in source order. */
  items: PlanItem[];
  removed: ManifestFile[];
  /** Ids asked to be removed that the index does not hold. */
  unknownIds: string[];
}

export interface PlanOptions {
  /** Remove the previous calls whose file is not among the sources. */
  prune?: boolean;
  /** Call ids to remove. */
  removeIds?: readonly string[];
}

export function planIngest(priorFiles: readonly ManifestFile[], sources: readonly SourceFile[], opts: PlanOptions = {}): IngestPlan {
  const bySource = new Map(sources.map((s) => [s.relative, s]));
  const removeIds = new Set(opts.removeIds ?? []);
  const items: PlanItem[] = [];
  const removed: ManifestFile[] = [];
  for (const prior of priorFiles) {
    const source = bySource.get(prior.file);
    if (removeIds.has(prior.callId) || (opts.prune && !source)) removed.push(prior);
    else items.push(source ? { kind: 'source', source, prior } : { kind: 'kept', prior });
  }
  const known = new Set(priorFiles.map((f) => f.file));
  for (const source of sources) if (!known.has(source.relative)) items.push({ kind: 'source', source });
  const priorIds = new Set(priorFiles.map((f) => f.callId));
  return { items, removed, unknownIds: [...removeIds].filter((id) => !priorIds.has(id)) };
}
