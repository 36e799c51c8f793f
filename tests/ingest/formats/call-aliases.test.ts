import { describe, expect, it } from 'vitest';
import { companyAliases, companyKey, stripLegalSuffix } from '../../../ingest/formats/call-meta/call-aliases.ts';

describe('stripLegalSuffix', () => {
  it('drops legal and group endings but keeps a word', () => {
    expect(stripLegalSuffix('Quartzwell Corporation')).toBe('Quartzwell');
    expect(stripLegalSuffix('Orbison Holdings, Inc.')).toBe('Orbison');
    expect(stripLegalSuffix('Brindle Controls International plc')).toBe('Brindle Controls');
    expect(stripLegalSuffix('Veldt N.V.')).toBe('Veldt');
    expect(stripLegalSuffix('Group')).toBe('Group');
  });
});

describe('companyKey', () => {
  it('is the ticker when there is one, else the bare name', () => {
    expect(companyKey('Quartzwell Corporation', 'QZW')).toBe('ticker:QZW');
    expect(companyKey('Quartzwell Corporation', undefined)).toBe('name:quartzwell');
    expect(companyKey('Quartzwell, Inc.', undefined)).toBe(companyKey('Quartzwell Corp.', undefined));
    expect(companyKey('Fenwick & Tolle', undefined)).toBe('name:fenwick-and-tolle');
    expect(companyKey(undefined, undefined)).toBeUndefined();
  });
});

describe('companyAliases', () => {
  it('offers the bare name, the ticker, and shorter forms only when the call uses them', () => {
    const text = "Brindle Controls delivered. Brindle's teams shipped. BCI expects more; BCI is ready. Port Alder demand grew in Port Alder again.";
    expect(companyAliases('Brindle Controls International', 'BCI', text)).toEqual(['Brindle Controls', 'Brindle', 'BCI']);
    // A shorter form that only stands in the text may be a place, not the company.
    expect(companyAliases('Port Alder Resorts', undefined, text)).toEqual([]);
    // Unused short forms are not offered.
    expect(companyAliases('Brindle Controls International', undefined, 'We grew.')).toEqual(['Brindle Controls']);
  });

  it('offers an initialism the speakers use', () => {
    const text = 'Welcome to Amber Axle & Manufacturing. AAM grew; AAM shipped.';
    expect(companyAliases('Amber Axle & Manufacturing', undefined, text)).toEqual(['AAM']);
  });

  it('never offers "the Company" or an ordinary word', () => {
    expect(companyAliases('Service Holdings International', 'SHI', 'Our service levels rose.')).toEqual(['SHI']);
    expect(companyAliases('Quartzwell Company', undefined, 'See quartzwell.com or ir@quartzwell.com.')).toEqual(['Quartzwell']);
    expect(companyAliases('The Company', undefined, '')).toEqual([]);
  });
});
