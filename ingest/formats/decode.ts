// Bytes → text, refusing what is not a text transcript, with the line where it goes wrong.
import { TranscriptParseError } from '../types.ts';

/** 1-based line of byte offset `end` (CRLF, CR and LF each end one line). */
function lineAt(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 0x0a) line += 1;
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) line += 1;
  }
  return line;
}

/** Offset of the first byte that breaks UTF-8 (overlongs and surrogates included). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    const second = bytes[i + 1];
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += len;
  }
  return -1;
}

function utf16(bytes: Uint8Array): string | undefined {
  // Windows tools (Notepad, some Teams exports) save UTF-16 with a BOM; its NULs are not binary.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return undefined;
}

export function decodeTranscript(bytes: Uint8Array, file: string): string {
  let text = utf16(bytes);
  if (text === undefined) {
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw new TranscriptParseError('binary file (NUL byte), not a text transcript', file, lineAt(bytes, nul));
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) throw new TranscriptParseError(`invalid UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, '0')})`, file, lineAt(bytes, bad));
    text = new TextDecoder('utf-8').decode(bytes); // strips a leading BOM
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.trim()) throw new TranscriptParseError('the transcript is empty', file, 1);
  return text;
}
