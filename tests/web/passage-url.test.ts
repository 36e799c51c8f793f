import { describe, expect, it } from 'vitest';
import { parsePassageUrl, passageUrl } from '../../server/web/src/transcript/passage-url.ts';

describe('passage URLs', () => {
  it('reads /calls/:id#L194-L204 and writes it back', () => {
    const passage = parsePassageUrl('/calls/000_4ea6a2434226ac97', '#L194-L204');
    expect(passage).toEqual({ callId: '000_4ea6a2434226ac97', startLine: 194, endLine: 204 });
    expect(passageUrl(passage!)).toBe('/calls/000_4ea6a2434226ac97#L194-L204');
  });

  it('reads a single line, a reversed range and the GitHub-style #L3-5', () => {
    expect(parsePassageUrl('/calls/a', '#L20')).toEqual({ callId: 'a', startLine: 20, endLine: 20 });
    expect(parsePassageUrl('/calls/a', '#L9-L3')).toEqual({ callId: 'a', startLine: 3, endLine: 9 });
    expect(parsePassageUrl('/calls/a', '#L3-5')).toEqual({ callId: 'a', startLine: 3, endLine: 5 });
    expect(passageUrl({ callId: 'a', startLine: 20, endLine: 20 })).toBe('/calls/a#L20');
  });

  it('opens the whole call when the fragment is missing or not a line range', () => {
    expect(parsePassageUrl('/calls/a/', '')).toEqual({ callId: 'a' });
    expect(parsePassageUrl('/calls/a', '#L0')).toEqual({ callId: 'a' });
    expect(parsePassageUrl('/calls/a', '#intro')).toEqual({ callId: 'a' });
  });

  it('escapes call ids both ways and rejects paths that are not a call', () => {
    expect(passageUrl({ callId: 'q1 call/2024', startLine: 1, endLine: 2 })).toBe('/calls/q1%20call%2F2024#L1-L2');
    expect(parsePassageUrl('/calls/q1%20call%2F2024', '#L1-L2')?.callId).toBe('q1 call/2024');
    expect(parsePassageUrl('/', '#L1')).toBeUndefined();
    expect(parsePassageUrl('/calls/a/lines', '')).toBeUndefined();
    expect(parsePassageUrl('/calls/%E0%A4%A', '')).toBeUndefined();
  });
});
