import { describe, expect, it } from 'vitest';
import { decodeTranscript } from '../../../ingest/formats/decode.ts';
import { parseTranscript } from '../../../ingest/formats/parse.ts';
import { TranscriptParseError } from '../../../ingest/types.ts';
import { readFixture } from './seed-files.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

function failure(run: () => unknown): TranscriptParseError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(TranscriptParseError);
    return e as TranscriptParseError;
  }
  throw new Error('expected a TranscriptParseError');
}

describe('decodeTranscript', () => {
  it('rejects an empty file and a whitespace-only file at line 1', () => {
    for (const bytes of [new Uint8Array(0), utf8(' \n\t\r\n  \n')]) {
      const e = failure(() => decodeTranscript(bytes, 'empty.txt'));
      expect([e.file, e.line]).toEqual(['empty.txt', 1]);
      expect(e.message).toContain('empty.txt:1');
    }
  });

  it('rejects binary content at the line of the first NUL byte', () => {
    const bytes = new Uint8Array([...utf8('Operator\nHello.\n'), 0x00, 0x01, 0x02]);
    const e = failure(() => decodeTranscript(bytes, 'blob.bin'));
    expect([e.file, e.line]).toEqual(['blob.bin', 3]);
    expect(e.message).toMatch(/binary/);
  });

  it('reports the line of the first invalid UTF-8 byte', () => {
    const bytes = new Uint8Array([...utf8('Jane Doe: fine\r\nJane Doe: still fine\nBob Ray: caf'), 0xe9, ...utf8(' au lait\n')]);
    const e = failure(() => decodeTranscript(bytes, 'latin1.txt'));
    expect([e.file, e.line]).toEqual(['latin1.txt', 3]);
    expect(e.message).toMatch(/invalid UTF-8.*0xe9/);
  });

  it('rejects a truncated multi-byte sequence and an encoded surrogate', () => {
    expect(failure(() => decodeTranscript(new Uint8Array([0x41, 0x0a, 0xe6, 0x88]), 'cut.txt')).line).toBe(2);
    expect(failure(() => decodeTranscript(new Uint8Array([0xed, 0xa0, 0x80]), 'sur.txt')).line).toBe(1);
  });

  it('strips a BOM and normalises CRLF and CR without shifting line numbers', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('A: one\r\nB: two\rA: three\nB: four')]);
    const text = decodeTranscript(bytes, 'ok.txt');
    expect(text).toBe('A: one\nB: two\nA: three\nB: four');
    expect(parseTranscript(text, 'ok.txt').turns.map((t) => t.paragraphs[0].line)).toEqual([1, 2, 3, 4]);
  });

  it('decodes UTF-16 with a BOM instead of calling it binary', () => {
    const body = 'Jane Doe: hi\n';
    const bytes = new Uint8Array(2 + body.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < body.length; i++) bytes[2 + 2 * i] = body.charCodeAt(i);
    expect(decodeTranscript(bytes, 'wide.txt')).toBe(body);
  });
});

describe('parseTranscript on files without speaker turns', () => {
  it('names the file and the first line that looked wrong', () => {
    const e = failure(() => parseTranscript(readFixture('no-speakers.txt'), 'notes/no-speakers.txt'));
    expect([e.file, e.line]).toEqual(['notes/no-speakers.txt', 1]);
    expect(e.message).toContain('These are my notes');
  });

  it('points past leading blank lines', () => {
    expect(failure(() => parseTranscript('\n\n  \nJust one line of prose.\n', 'p.txt')).line).toBe(4);
  });

  it('rejects a WebVTT file without cues at its first body line', () => {
    const e = failure(() => parseTranscript('WEBVTT\n\nNOTE nothing here\n\nstray text\n', 'empty.vtt'));
    expect([e.file, e.line]).toEqual(['empty.vtt', 3]);
  });

  it('rejects an empty string', () => {
    expect(failure(() => parseTranscript('   \n', 'blank.txt')).line).toBe(1);
  });
});
