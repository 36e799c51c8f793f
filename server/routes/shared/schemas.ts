import { z } from 'zod';
import type { Role, Section } from '../../../ingest/types.ts';

// Pieces the search, ask and chat routes share, so the OpenAPI document names them once.

export const MAX_QUESTION_CHARS = 2000;
export const MAX_K = 50;

export const roleSchema = z.enum(['management', 'analyst', 'operator', 'other'] as const satisfies readonly Role[]);
export const sectionSchema = z.enum(['prepared', 'qa'] as const satisfies readonly Section[]);

export const textInput = (what: string) =>
  z.string().trim().min(1, `${what} must not be empty`).max(MAX_QUESTION_CHARS, `${what} must be at most ${MAX_QUESTION_CHARS} characters`);

export const kSchema = z.number().int().min(1).max(MAX_K).optional().describe('How many passages to retrieve (default 8)');

export const filtersSchema = z
  .strictObject({
    callIds: z.array(z.string().min(1).max(200)).max(100).optional(),
    speakers: z.array(z.string().min(1).max(200)).max(50).optional().describe('Speaker names; "Tim Wan" matches "Tim M. Wan"'),
    roles: z.array(roleSchema).max(4).optional(),
    sections: z.array(sectionSchema).max(2).optional(),
  })
  .describe('Hard constraints: only matching passages are searched. Unknown call ids match nothing.');

export const understoodSchema = z
  .object({
    roles: z.array(roleSchema).optional(),
    speakers: z.array(z.string()).optional(),
    companies: z
      .array(z.object({ name: z.string(), key: z.string(), as: z.string().describe("The words of the question that named it; empty when a named speaker led to it") }))
      .optional(),
    callIds: z.array(z.string()).optional().describe('The calls the question is about'),
    scoped: z.boolean().optional().describe('True when only `callIds` were searched: the company (and period, if named) were resolved with confidence'),
    periods: z
      .array(z.object({ label: z.string(), callIds: z.array(z.string()) }))
      .optional()
      .describe('Periods the question compares, each searched on its own'),
    firms: z.array(z.string()).optional().describe("Analysts' firms named in the query"),
    labels: z.array(z.string()).describe('What the query was understood to ask for, e.g. ["management", "Q1 FY2024 call"]'),
    reasons: z.array(z.string()).describe('Why each piece was read so, or set aside: evidence for `labels`'),
    searched: z.string().optional().describe('Where the answer was looked for, in words ("Acme\'s Q2 2021 and Q3 2021 calls")'),
    searchText: z
      .string()
      .describe("The text that was searched; its words that only frame the question (verbs that report speech such as \"think\" or \"report\", and inside a quarter's call the year) are left out when it has others"),
    identity: z
      .object({ title: z.string(), speakers: z.array(z.string()), holders: z.number().int().describe('People in scope who hold the title') })
      .optional()
      .describe('"Who is the CFO of Acme?": the title asked about and the speakers in scope who hold it (none listed when more than two people or nobody do)'),
  })
  .describe('What the query was read to ask for: companies, periods, people, roles, with the evidence');

export const citationSchema = z.object({
  n: z.number().int().describe('The [n] marker in the answer'),
  file: z.string(),
  startLine: z.number().int(),
  endLine: z.number().int(),
  speaker: z.string(),
  title: z.string().optional(),
  role: roleSchema,
  callId: z.string(),
  callTitle: z.string(),
  quote: z.string().describe('Verbatim text found at those lines'),
  startTime: z.number().optional(),
  endTime: z.number().optional(),
});

/**
 * Route option: serialise replies with plain JSON.stringify. The zod serializer re-validates
 * every reply against its schema, which cost about a tenth of a search request's CPU (bench:http
 * profile); the handlers' return types are checked against the same schemas at compile time,
 * and the schemas still document the replies in OpenAPI.
 */
/** A reply body that is JSON already (a Buffer is sent as it is). */
export const JSON_TYPE = 'application/json; charset=utf-8';
export const plainJsonReplies = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };

export const verificationSchema = z
  .object({
    claims: z.number().int().describe('Claims (sentences, or clauses ending in [n] markers) read in the model reply'),
    dropped: z.number().int().describe('Claims removed from the answer because their cited passages do not support them'),
    problems: z
      .array(
        z.object({
          reason: z
            .string()
            .describe('unsupported_figure, unsupported_name, quote_not_found, no_valid_citation (its only markers pointed nowhere) or uncited (a figure, name or quote with no marker)'),
          detail: z.string().describe('The figure, name or quotation not found in the cited passages, or the claim'),
        }),
      )
      .describe('One entry per failed check of a dropped claim'),
  })
  .describe(
    'LLM answers only: each claim of the reply was checked against the passages it cites (figures, names and quotations must occur there, normalised); failed claims were dropped. When none survives, the extractive answer is served instead (degradedReason llm_unverified_claims).',
  );
