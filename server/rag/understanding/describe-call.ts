import type { CatalogCall } from '../retrieval/catalog.ts';

/** "Acme Q1 FY2024 call" (or "Acme Q2 2021 call" when the call named a calendar year) from call metadata, else the call's title. */
export function describeCall(c: Pick<CatalogCall, 'company' | 'fiscalQuarter' | 'fiscalYear' | 'fiscal' | 'title'>): string {
  const year = c.fiscalYear && `${c.fiscal === false ? '' : 'FY'}${c.fiscalYear}`;
  const parts = [c.company, c.fiscalQuarter && `Q${c.fiscalQuarter}`, year].filter(Boolean);
  return parts.length ? `${parts.join(' ')} call` : c.title;
}
