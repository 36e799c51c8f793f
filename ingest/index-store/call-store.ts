// Call documents as stored: without `lines`, which repeat the turns' text and are rebuilt on load
// (at 1,000 calls that halves the file and the string the writer must hold).
import { callLines } from '../call-document.ts';
import type { CallDocument } from './types.ts';

export type StoredCall = Omit<CallDocument, 'lines'>;

export const toStoredCall = ({ lines: _, ...rest }: CallDocument): StoredCall => rest;

export function decodeCalls(json: string): CallDocument[] {
  return (JSON.parse(json) as StoredCall[]).map((c) => ({ ...c, lines: callLines(c.turns) }));
}
