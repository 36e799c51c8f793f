import { spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** tsx's loader by absolute path, so a script runs from any folder as it does from the root. */
export const TSX_LOADER = path.join(ROOT, 'node_modules/tsx/dist/loader.mjs');

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * One of the project's TypeScript entry points run to its end as an operator runs it. The
 * environment is PATH plus `env` only: no OPENAI_* from the developer's shell turns the LLM on.
 */
export function runScript(script: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<ScriptResult> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(ROOT, script), ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { PATH: process.env.PATH!, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
