import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTemplate, DEFAULT_PROMPTS_DIR, loadPromptTemplates, PromptTemplateError } from '../../../../server/rag/llm-answers/prompt-templates.ts';

async function copyPrompts(change?: (file: string, text: string) => string | undefined): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tqa-prompts-'));
  for (const file of await readdir(DEFAULT_PROMPTS_DIR)) {
    const text = await readFile(path.join(DEFAULT_PROMPTS_DIR, file), 'utf8');
    const changed = change ? change(file, text) : text;
    if (changed !== undefined) await writeFile(path.join(dir, file), changed);
  }
  return dir;
}

describe('prompt templates', () => {
  it('loads the shipped prompts and renders their variables', async () => {
    const t = await loadPromptTemplates();
    const user = t.answerUser.render({ question: 'What was free cash flow?', sources: '[1] Tim — call — f.txt:L3\nCash.', today: '2024-06-01' });
    expect(user).toContain('What was free cash flow?');
    expect(user).toContain('[1] Tim — call — f.txt:L3\nCash.');
    expect(user).not.toMatch(/\{\{/);
    expect(t.answerSystem.render({ today: '2024-06-01' })).toContain('2024-06-01');
    expect(t.answerSystem.text).toContain('NOT_COVERED');
    expect(t.rewriteUser.render({ history: 'User: hi', followup: 'and Q4?', today: 'x' })).toContain('and Q4?');
  });

  it('substitutes in one pass: braces inside a value stay as they are', () => {
    const t = compileTemplate('t', 'Q: {{question}} S: {{sources}}', ['question', 'sources']);
    expect(t.render({ question: 'say {{sources}}', sources: 'x' })).toBe('Q: say {{sources}} S: x');
  });

  it('fails at load when a template uses an unknown variable, naming it', async () => {
    const dir = await copyPrompts((file, text) => (file === 'answer.user.md' ? `${text}\n{{questoin}}` : text));
    await expect(loadPromptTemplates(dir)).rejects.toThrow(/answer\.user\.md: unknown variable \{\{questoin\}\}/);
  });

  it('fails at load when a template is missing or leaves out a required variable', async () => {
    const missing = await copyPrompts((file, text) => (file === 'rewrite-followup.user.md' ? undefined : text));
    await expect(loadPromptTemplates(missing)).rejects.toThrow(/rewrite-followup\.user\.md could not be read/);
    const noSources = await copyPrompts((file, text) => (file === 'answer.user.md' ? text.replace('{{sources}}', '') : text));
    await expect(loadPromptTemplates(noSources)).rejects.toThrow(/must use \{\{sources\}\}/);
  });

  it('rejects malformed braces and refuses to render without a value', () => {
    expect(() => compileTemplate('t', 'Q: {{ question }', ['question'])).toThrow(PromptTemplateError);
    const t = compileTemplate('t', 'Q: {{question}}', ['question']);
    expect(() => t.render({})).toThrow(/no value for \{\{question\}\}/);
  });
});
