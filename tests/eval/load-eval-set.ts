import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvalSet } from './evaluate.ts';

export const EVAL_SET_PATH = path.resolve(import.meta.dirname, 'questions.json');

export async function loadEvalSet(file = EVAL_SET_PATH): Promise<EvalSet> {
  return JSON.parse(await readFile(file, 'utf8')) as EvalSet;
}
