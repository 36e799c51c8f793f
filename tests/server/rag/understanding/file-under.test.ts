import { describe, expect, it } from 'vitest';
import { fileUnder } from '../../../../server/rag/understanding/file-under.ts';

describe('fileUnder', () => {
  it('keeps each key’s entries in the order they were filed', () => {
    const table = new Map<string, number[]>();
    fileUnder(table, 'quill', 1);
    fileUnder(table, 'birch', 2);
    fileUnder(table, 'quill', 3);
    expect([...table]).toEqual([['quill', [1, 3]], ['birch', [2]]]);
  });
});
