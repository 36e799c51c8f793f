import { describe, expect, it } from 'vitest';
import { callIdFromPath } from '../../../ingest/formats/call-meta/call-id.ts';

describe('callIdFromPath', () => {
  it('uses the file name without its extension', () => {
    expect(callIdFromPath('000_4ea6a2434226ac97.txt')).toBe('000_4ea6a2434226ac97');
  });

  it('slugs folders and spaces into lowercase [a-z0-9_-]', () => {
    expect(callIdFromPath('sub/dir/My Call.vtt')).toBe('sub-dir-my-call');
    expect(callIdFromPath('sub\\dir\\My Call.vtt')).toBe('sub-dir-my-call');
    expect(callIdFromPath('./Q3 2024 (Café) — final!.srt')).toBe('q3-2024-cafe-final');
  });

  it('is stable and distinct for names without Latin characters', () => {
    const a = callIdFromPath('會議.txt');
    expect(a).toMatch(/^call-[0-9a-f]{8}$/);
    expect(callIdFromPath('會議.txt')).toBe(a);
    expect(callIdFromPath('電話.txt')).not.toBe(a);
  });
});
