// Prompt templates live in prompts/ as files, so they can be read and edited without touching
// code. Loaded once at start; a missing file or a variable typo stops start-up, not a request.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface PromptTemplate {
  readonly name: string;
  readonly text: string;
  /** Substitutes `{{name}}` in one pass; throws when a variable the template uses is not given. */
  render(vars: Record<string, string>): string;
}

export interface PromptTemplates {
  answerSystem: PromptTemplate;
  answerUser: PromptTemplate;
  /** The `sources` of answerUser when the question compares periods: grouped per period. */
  answerCompare: PromptTemplate;
  rewriteSystem: PromptTemplate;
  rewriteUser: PromptTemplate;
}

interface Spec {
  file: string;
  allowed: string[];
  required: string[];
}

const SPECS: Record<keyof PromptTemplates, Spec> = {
  answerSystem: { file: 'answer.system.md', allowed: ['today'], required: [] },
  answerUser: { file: 'answer.user.md', allowed: ['question', 'sources', 'today'], required: ['question', 'sources'] },
  answerCompare: { file: 'answer.compare.md', allowed: ['periods', 'first', 'groups'], required: ['periods', 'groups'] },
  rewriteSystem: { file: 'rewrite-followup.system.md', allowed: ['today'], required: [] },
  rewriteUser: { file: 'rewrite-followup.user.md', allowed: ['history', 'followup', 'today'], required: ['history', 'followup'] },
};

/** The prompts/ folder of this repository. */
export const DEFAULT_PROMPTS_DIR = path.resolve(import.meta.dirname, '../../../prompts');

export class PromptTemplateError extends Error {
  override name = 'PromptTemplateError';
}

const VARIABLE = /\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g;

/** Builds a template from text, checking its variables against what the caller will supply. */
export function compileTemplate(name: string, text: string, allowed: readonly string[], required: readonly string[] = []): PromptTemplate {
  const used = new Set([...text.matchAll(VARIABLE)].map((m) => m[1]));
  const unknown = [...used].filter((v) => !allowed.includes(v));
  if (unknown.length) {
    throw new PromptTemplateError(`${name}: unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((v) => `{{${v}}}`).join(', ')} (allowed: ${allowed.join(', ')})`);
  }
  const missing = required.filter((v) => !used.has(v));
  if (missing.length) throw new PromptTemplateError(`${name}: must use ${missing.map((v) => `{{${v}}}`).join(', ')}`);
  // Leftover braces that are not a variable are almost always a typo ("{{ question }" or "{question}}").
  const stray = text.replace(VARIABLE, '').match(/\{\{|\}\}/);
  if (stray) throw new PromptTemplateError(`${name}: malformed variable near "${stray[0]}"`);
  return {
    name,
    text,
    render(vars) {
      return text.replace(VARIABLE, (_, key: string) => {
        const value = vars[key];
        if (value === undefined) throw new PromptTemplateError(`${name}: no value for {{${key}}}`);
        return value;
      });
    },
  };
}

export async function loadPromptTemplates(dir: string = DEFAULT_PROMPTS_DIR): Promise<PromptTemplates> {
  const entries = await Promise.all(
    Object.entries(SPECS).map(async ([key, spec]) => {
      const file = path.join(dir, spec.file);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (cause) {
        throw new PromptTemplateError(`prompt template ${file} could not be read`, { cause });
      }
      if (!text.trim()) throw new PromptTemplateError(`prompt template ${file} is empty`);
      return [key, compileTemplate(spec.file, text.trim(), spec.allowed, spec.required)] as const;
    }),
  );
  return Object.fromEntries(entries) as unknown as PromptTemplates;
}
