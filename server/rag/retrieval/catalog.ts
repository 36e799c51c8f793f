import type { CallDocument } from '../../../ingest/index-store/types.ts';
import type { CallMeta, Role } from '../../../ingest/types.ts';

export interface CatalogSpeaker {
  name: string;
  title?: string;
  role: Role;
  callIds: string[];
}

/** What query understanding reads of a call: its own metadata, as ingest derived it. */
export type CatalogCall = Pick<CallMeta, 'id' | 'title' | 'company' | 'companyAliases' | 'ticker' | 'companyKey' | 'fiscalQuarter' | 'fiscalYear' | 'fiscal' | 'callDate'>;

/** Who speaks in which call, and what each call is: what query understanding matches against. */
export interface Catalog {
  speakers: CatalogSpeaker[];
  calls: CatalogCall[];
  /** Analysts' firms as the operator introduced them ("Piper Sandler"). */
  firms?: string[];
}

export function buildCatalog(calls: readonly CallDocument[]): Catalog {
  // Run when an index opens, over every turn of the library (a hundred thousand at 1,380 calls):
  // one pass, each speaker's name lower-cased once (the store hands out the same string for every
  // turn of a speaker), and a call recorded against a speaker by looking at the last one recorded
  // (a call's turns come together) when no two calls share an id.
  const distinctIds = new Set(calls.map((doc) => doc.call.id)).size === calls.length;
  const speakers = new Map<string, CatalogSpeaker>();
  const keys = new Map<string, string>();
  const firms = new Set<string>();
  for (const doc of calls) {
    const id = doc.call.id;
    for (const turn of doc.turns) {
      const firm = turn.firm;
      if (firm) firms.add(firm);
      if (turn.role === 'operator') continue;
      const name = turn.speaker;
      let key = keys.get(name);
      if (key === undefined) keys.set(name, (key = name.toLowerCase()));
      const known = speakers.get(key);
      if (!known) speakers.set(key, { name, title: turn.title, role: turn.role, callIds: [id] });
      else {
        known.title ??= turn.title;
        if (distinctIds ? known.callIds[known.callIds.length - 1] !== id : !known.callIds.includes(id)) known.callIds.push(id);
      }
    }
  }
  return {
    firms: [...firms],
    speakers: [...speakers.values()],
    calls: calls.map((doc) => catalogCall(doc.call)),
  };
}

/**
 * The fields understanding reads, in one shape whatever the call's metadata holds (an absent one is
 * undefined): calls of many shapes made V8 recompile the code that reads them (see ingest/hot-path/object-lists.ts).
 */
function catalogCall(c: CallMeta): { [K in keyof Required<CatalogCall>]: CatalogCall[K] } {
  return {
    id: c.id,
    title: c.title,
    company: c.company,
    companyAliases: c.companyAliases,
    ticker: c.ticker,
    companyKey: c.companyKey,
    fiscalQuarter: c.fiscalQuarter,
    fiscalYear: c.fiscalYear,
    fiscal: c.fiscal,
    callDate: c.callDate,
  };
}
