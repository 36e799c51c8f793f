import type { Understood } from '../understanding/understand-query.ts';

export const NOT_COVERED = "The transcripts don't cover this.";

/** "The transcripts don't cover this: not found in Acme's Q3 2021 call. The closest passages …" */
export function notCoveredText(understood: Understood | undefined, closest: boolean): string {
  const where = understood?.searched ? `${NOT_COVERED.replace(/\.$/, '')}: not found in ${understood.searched}.` : NOT_COVERED;
  return closest ? `${where} The closest passages are listed under see also.` : where;
}
