import type { CallDocument } from '../../../ingest/index-store/types.ts';
import type { Role } from '../../../ingest/types.ts';

export interface CatalogSpeaker {
  name: string;
  title?: string;
  role: Role;
  callIds: string[];
}

export interface CatalogCall {
  id: string;
  title: string;
  company?: string;
  /** Short forms a question may use ("Umbra" for "Umbra Power Corporation"). */
  companyAliases?: string[];
  ticker?: string;
  /** Shared by every call of one company. */
  companyKey?: string;
  fiscalQuarter?: number;
  fiscalYear?: number;
  /** The call said "fiscal"/"FY" (else its year is a calendar year, as far as it told). */
  fiscal?: boolean;
  callDate?: string;
}

/** Who speaks in which call, and what each call is: what query understanding matches against. */
export interface Catalog {
  speakers: CatalogSpeaker[];
  calls: CatalogCall[];
  /** Analysts' firms as the operator introduced them ("Piper Sandler"). */
  firms?: string[];
}

export function buildCatalog(calls: readonly CallDocument[]): Catalog {
  const speakers = new Map<string, CatalogSpeaker>();
  for (const doc of calls) {
    for (const turn of doc.turns) {
      if (turn.role === 'operator') continue;
      const key = turn.speaker.toLowerCase();
      const known = speakers.get(key);
      if (!known) speakers.set(key, { name: turn.speaker, title: turn.title, role: turn.role, callIds: [doc.call.id] });
      else {
        known.title ??= turn.title;
        if (!known.callIds.includes(doc.call.id)) known.callIds.push(doc.call.id);
      }
    }
  }
  const firms = new Set<string>();
  for (const doc of calls) for (const turn of doc.turns) if (turn.firm) firms.add(turn.firm);
  return {
    firms: [...firms],
    speakers: [...speakers.values()],
    calls: calls.map(({ call }) => ({
      id: call.id,
      title: call.title,
      company: call.company,
      companyAliases: call.companyAliases,
      ticker: call.ticker,
      companyKey: call.companyKey,
      fiscalQuarter: call.fiscalQuarter,
      fiscalYear: call.fiscalYear,
      fiscal: call.fiscal,
      callDate: call.callDate,
    })),
  };
}
