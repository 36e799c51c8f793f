import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

// JSON bodies are parsed as Fastify does (prototype poisoning refused), after a depth check: no
// request of ours nests deeper than a few levels, while a megabyte of "[[[[…" took JSON.parse and
// the validators 0.4–0.7 s to refuse. The scan is one pass over the characters, cheap at the body limit.

export const MAX_JSON_DEPTH = 32;

/** True when arrays and objects nest deeper than `max` (brackets inside strings do not count). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export const jsonBodyPlugin = fp(
  async (app) => {
    const parse = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      if (nestsDeeperThan(body as string, MAX_JSON_DEPTH)) {
        const message = `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`;
        return done(new AppError('bad_request:request', message, { errors: [{ path: 'body', message }] }), undefined);
      }
      return parse(request, body as string, done);
    });
  },
  { name: 'json-body' },
);
