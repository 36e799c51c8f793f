import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

// `cp .env.example .env` is what people do first; a setting written there must take effect. Read by
// the entry points (server, ingest, ask) before the config is parsed. A variable already set in the
// real environment wins, as with dotenv and Node's --env-file, so a one-off `PORT=4000 npm start`
// still overrides the file.

export interface EnvFileResult {
  /** The file read, or undefined when there is none. */
  file?: string;
  /** Keys taken from the file (not those the environment already had). */
  loaded: string[];
}

/** Copies the settings of `.env` in `dir` into `env` where `env` has none; a missing file is fine. */
export function loadEnvFile(env: Record<string, string | undefined>, dir = process.cwd(), name = '.env'): EnvFileResult {
  const file = path.resolve(dir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { loaded: [] };
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const loaded: string[] = [];
  for (const [key, value] of Object.entries(parseEnv(text))) {
    if (env[key] !== undefined) continue;
    env[key] = value;
    loaded.push(key);
  }
  return { file, loaded };
}
