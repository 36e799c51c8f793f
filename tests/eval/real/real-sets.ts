import { readFile } from 'node:fs/promises';
import { z } from 'zod';

// Shapes of the real evaluation sets (../shared/real/*.json), checked on load so a changed file
// fails with the file's name and the offending path rather than as NaN figures later.

const goldLines = z.record(z.string().min(1), z.array(z.number().int().positive()));

export const KINDS = ['fact', 'why', 'compare', 'person', 'unanswerable'] as const;
export type Kind = (typeof KINDS)[number];

const librarySet = z.object({
  about: z.string().optional(),
  questions: z.array(
    z.object({
      id: z.string().min(1),
      q: z.string().min(1),
      kind: z.enum(KINDS),
      gold: goldLines,
      any: z.array(z.string()),
      all: z.array(z.string()).optional(),
    }),
  ),
});

const silverSet = z.object({
  about: z.string().optional(),
  files: z.record(z.string(), z.string()).optional(),
  questions: z.array(z.object({ id: z.string().min(1), q: z.string().min(1), file: z.string().min(1), gold: goldLines })),
});

const span = z.tuple([z.number().int().positive(), z.number().int().positive()]).refine(([a, b]) => a <= b, 'span must be [from, to] with from ≤ to');

const meetingSet = z.object({
  about: z.string().optional(),
  questions: z.array(z.object({ id: z.string().min(1), q: z.string().min(1), file: z.string().min(1), spans: z.array(span).min(1) })),
});

export type LibraryQuestion = z.infer<typeof librarySet>['questions'][number];
export type SilverQuestion = z.infer<typeof silverSet>['questions'][number];
export type MeetingQuestion = z.infer<typeof meetingSet>['questions'][number];

export class EvalSetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalSetError';
  }
}

async function load<S extends z.ZodType>(schema: S, file: string, what: string): Promise<z.infer<S>> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new EvalSetError(`cannot read ${what} ${file}: ${error instanceof Error ? error.message : String(error)}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new EvalSetError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new EvalSetError(`${file} is not a valid ${what}:\n${issues.join('\n')}`);
  }
  return parsed.data;
}

export const loadLibraryQuestions = async (file: string) => (await load(librarySet, file, 'whole-library question set')).questions;
export const loadSilverQuestions = async (file: string) => (await load(silverSet, file, 'silver bullet set')).questions;
export const loadMeetingQuestions = async (file: string) => (await load(meetingSet, file, 'meeting span set')).questions;

/** `AEE_q2_2021.txt` or `sub/AEE_q2_2021.txt` → `AEE_q2_2021`: how gold keys name files. */
export const fileStem = (file: string) => file.replace(/\\/g, '/').replace(/\.[A-Za-z0-9]{1,5}$/, '');
