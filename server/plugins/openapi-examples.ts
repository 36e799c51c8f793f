// Request examples for /docs, one per route, so "Try it out" starts from a request that works on a
// fresh clone (the seed calls). Kept in one table rather than in each route's schema: they are
// documentation, and a test sends every one of them to the real server.

const SEED_CALL = '000_4ea6a2434226ac97';

type Json = Record<string, unknown>;

export const REQUEST_EXAMPLES: Record<string, { body?: Json; params?: Record<string, string | number> }> = {
  'GET /healthz': {},
  'GET /readyz': {},
  'GET /v1/calls': {},
  'GET /v1/calls/{id}/lines': { params: { id: SEED_CALL, from: 1, to: 40 } },
  'POST /v1/search': { body: { query: 'operating margin guidance', k: 5, filters: { roles: ['management'] } } },
  'POST /v1/ask': { body: { question: 'What did the CFO say about operating margin?' } },
  'POST /v1/calls': {
    body: { files: [{ name: 'standup-example.txt', text: 'Ana Cruz: The demo build is ready for Friday.\nRaj Patel: Shipping moves to next week.\n' }] },
  },
  'GET /v1/models': {},
  'POST /v1/chat/completions': {
    body: { model: 'transcript-qa', messages: [{ role: 'user', content: 'What was revenue growth in the quarter?' }] },
  },
};

interface Operation {
  parameters?: { name: string; example?: unknown }[];
  requestBody?: { content?: Record<string, { example?: unknown }> };
}

/** Adds the examples to the generated OpenAPI document (swagger's transformObject). */
export function withRequestExamples<T extends { paths?: Record<string, Record<string, Operation>> }>(doc: T): T {
  for (const [route, example] of Object.entries(REQUEST_EXAMPLES)) {
    const [method, path] = route.split(' ');
    const op = doc.paths?.[path]?.[method.toLowerCase()];
    if (!op) continue;
    for (const p of op.parameters ?? []) if (example.params?.[p.name] !== undefined) p.example = example.params[p.name];
    const json = op.requestBody?.content?.['application/json'];
    if (json && example.body) json.example = example.body;
  }
  return doc;
}
