// From the periods a question names to the calls that cover them, among the calls already in
// scope (one company's, or the library's). Periods are those the calls' own introductions state
// (call metadata), not file names.
import type { CatalogCall } from '../retrieval/catalog.ts';
import type { PeriodMention } from './period-mentions.ts';

export interface PeriodGroup {
  /** "Q2 2021", "FY2023" */
  label: string;
  callIds: string[];
}

export interface PeriodScope {
  /** One group per period named that some call covers, in the order the question names them. */
  groups: PeriodGroup[];
  /** Periods named that no call in scope covers. */
  missing: string[];
  /** Mentions whose words picked their calls and nothing else: once those calls are searched, the words tell nothing apart. */
  spent: PeriodMention[];
  reasons: string[];
}

// A forecast for a period is given on the call before it ("guidance for Q2" on the Q1 call).
const FORECAST = /\b(?:guid\w*|outlook|forecast\w*|expect\w*|project\w*|target\w*|anticipat\w*|plan(?:s|ned)?)\b/i;

const label = (q: number | undefined, y: number | undefined, fiscal: boolean) =>
  [q && `Q${q}`, y && `${fiscal ? 'FY' : ''}${y}`].filter(Boolean).join(' ') || 'period';

const previous = (q: number, y: number | undefined) => (q > 1 ? { q: q - 1, y } : { q: 4, y: y === undefined ? undefined : y - 1 });

// The calls covering a quarter and year, per list of calls: the library's 1,380 calls or one
// company's (the same arrays come back on every question), each period looked up once.
const coveringCache = new WeakMap<readonly CatalogCall[], Map<string, readonly string[]>>();

function coveringIn(calls: readonly CatalogCall[], q: number | undefined, y: number | undefined): string[] {
  let byPeriod = coveringCache.get(calls);
  if (!byPeriod) coveringCache.set(calls, (byPeriod = new Map()));
  const key = `${q}:${y}`;
  let ids = byPeriod.get(key);
  if (!ids) {
    // Bounded by the periods a library has (quarters × years, plus years alone).
    if (byPeriod.size >= 1_000) byPeriod.clear();
    byPeriod.set(key, (ids = calls.filter((c) => (q === undefined || c.fiscalQuarter === q) && (y === undefined || c.fiscalYear === y)).map((c) => c.id)));
  }
  // A copy: groups hand their ids on to the caller.
  return ids.slice();
}

export function periodScope(query: string, mentions: readonly PeriodMention[], calls: readonly CatalogCall[]): PeriodScope {
  const covering = (q: number | undefined, y: number | undefined) => coveringIn(calls, q, y);
  // Quarters name calls; a bare year only does when no quarter is named ("full-year 2020 outlook
  // on the Q4 2019 call" is about the Q4 2019 call), except the end of a year, its fourth quarter.
  const quarterly = mentions.filter((m) => m.quarter !== undefined || m.yearEnd);
  const used = quarterly.length ? quarterly : mentions;
  // Two periods named are two calls compared; one period asked about with a forecast word may be
  // answered by the call before it.
  const forecast = used.length === 1 && FORECAST.test(query);
  const groups: PeriodGroup[] = [];
  const missing: string[] = [];
  const reasons: string[] = [];
  const spent: PeriodMention[] = [];
  for (const m of used) {
    const q = m.quarter ?? (m.yearEnd ? 4 : undefined);
    const name = label(q, m.year, m.fiscal);
    let ids = covering(q, m.year);
    let own = ids.length > 0;
    if (q !== undefined && !m.namesCall && (forecast || ids.length === 0)) {
      const p = previous(q, m.year);
      const before = covering(p.q, p.y);
      if (before.length) {
        reasons.push(ids.length ? `${name}: with the call before it (a forecast for ${name} is given a quarter earlier)` : `${name}: no call covers it; the call before it gave its outlook`);
        ids = [...new Set([...ids, ...before])];
        // Searched in the call before it, the quarter's words find its outlook there.
        own = false;
      }
    }
    if (ids.length === 0) {
      missing.push(name);
      continue;
    }
    if (own) spent.push(m);
    const same = groups.find((g) => g.label === name);
    if (same) continue;
    groups.push({ label: name, callIds: ids });
  }
  return { groups, missing, spent, reasons };
}
