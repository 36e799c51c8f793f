export const COMPILED_DIR: string;
export const COMPILED_MAIN: string;
export const COMPILED_INGEST: string;
export const COMPILED_ASK: string;
export function newestMtime(entry: string, skip?: ReadonlySet<string>): number;
export function compiledIsStale(built?: string): boolean;
export function runCompiledOrSource(compiled: string, source: URL): Promise<unknown>;
