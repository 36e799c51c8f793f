import { describe, expect, it } from 'vitest';
import type { CallDocument } from '../../../../ingest/index-store/types.ts';
import { buildCatalog } from '../../../../server/rag/retrieval/catalog.ts';

// Made-up calls: only what the catalog reads.
type T = { speaker: string; role: 'management' | 'analyst' | 'operator'; title?: string; firm?: string };
const doc = (id: string, turns: T[]) => ({ call: { id, title: `${id} call`, company: 'Quillon Tools' }, turns, lines: [], chunkCount: 0 }) as unknown as CallDocument;

describe('buildCatalog', () => {
  it('lists each speaker once with every call they speak in, and the firms in order of appearance', () => {
    const catalog = buildCatalog([
      doc('a', [
        { speaker: 'Operator', role: 'operator', firm: 'Fenwick Partners' },
        { speaker: 'Ida Brannock', role: 'management' },
        { speaker: 'Tomas Vey', role: 'analyst', firm: 'Larch Securities' },
        { speaker: 'IDA BRANNOCK', role: 'management', title: 'Chief Financial Officer' },
      ]),
      doc('b', [
        { speaker: 'Ida Brannock', role: 'management', title: 'CFO' },
        { speaker: 'Tomas Vey', role: 'analyst', firm: 'Larch Securities' },
        { speaker: 'Ida Brannock', role: 'management' },
      ]),
    ]);
    expect(catalog.speakers).toEqual([
      { name: 'Ida Brannock', title: 'Chief Financial Officer', role: 'management', callIds: ['a', 'b'] },
      { name: 'Tomas Vey', title: undefined, role: 'analyst', callIds: ['a', 'b'] },
    ]);
    expect(catalog.firms).toEqual(['Fenwick Partners', 'Larch Securities']);
  });

  it('records a call once per speaker even when two documents share its id', () => {
    const catalog = buildCatalog([doc('a', [{ speaker: 'Ida Brannock', role: 'management' }]), doc('b', [{ speaker: 'Ida Brannock', role: 'management' }]), doc('a', [{ speaker: 'Ida Brannock', role: 'management' }])]);
    expect(catalog.speakers[0].callIds).toEqual(['a', 'b']);
  });
});
