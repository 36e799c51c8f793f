import { describe, expect, it } from 'vitest';
import { initialsOf, namesIn } from '../../../../server/rag/answers/names-in.ts';

describe('namesIn', () => {
  it('finds runs of capitalised words, with "of" inside and a bracketed acronym after', () => {
    expect(namesIn('What price did Zentra pay for Dynamic Systems Inc. (DSI), per its Q4 call?')).toEqual(['Dynamic Systems Inc. (DSI)']);
    expect(namesIn('What did it say about the University of North Dakota contract?')).toEqual(['University of North Dakota']);
    expect(namesIn("What is Zentra's Net Promoter Score?")).toEqual(['Net Promoter Score']);
  });

  it('does not join across "and", commas or a possessive, nor start at the first word', () => {
    expect(namesIn('How do Monday.com and Smart Sheet compare?')).toEqual(['Smart Sheet']);
    expect(namesIn("Was Blue Harbor Foods' Q2 revenue up?")).toEqual(['Blue Harbor Foods']);
    expect(namesIn("What did Acme Foods' CEO say?")).toEqual(['Acme Foods']);
  });
});

describe('initialsOf', () => {
  it('gives the initials of a name of several capitalised words as an index term', () => {
    expect(initialsOf('United States')).toBe('us');
    expect(initialsOf('Net Promoter Score')).toBe('nps');
    expect(initialsOf('University of North Dakota')).toBe('und');
    expect(initialsOf('Asana')).toBeUndefined();
  });
});
