import { beforeAll, describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../ingest/embedders/local.ts';
import { openIndex } from '../../ingest/index-store/read.ts';
import { answerExtractive } from '../../server/rag/answers/answer-extractive.ts';
import type { Answer } from '../../server/rag/answers/answer-types.ts';
import { createRetriever, type Retriever } from '../../server/rag/retrieval/retrieve.ts';
import type { CallMeta } from '../../ingest/types.ts';
import { buildSeedIndex } from '../support/seed-index.ts';

// Questions a new user asked of the seeds that answered with another period's figure or with
// the wrong paragraph: the quarter's figure leads, never the year's or an analyst firm's "Report".
describe("a quarter's figure, asked by quarter and fiscal year", () => {
  let retrieve: Retriever;
  let calls: Map<string, CallMeta>;
  const ask = async (q: string): Promise<Answer> => answerExtractive(q, await retrieve(q, { k: 10 }), { calls });
  beforeAll(async () => {
    const index = await openIndex(await buildSeedIndex());
    retrieve = createRetriever(index, new LocalEmbedder());
    calls = new Map(index.calls.map((d) => [d.call.id, d.call]));
  }, 60_000);

  it('"How much revenue did Asana report for Q4 of fiscal 2023?" leads with Q4 revenue, $150.2 million', async () => {
    const answer = await ask('How much revenue did Asana report for Q4 of fiscal 2023?');
    expect(answer.citations[0]).toMatchObject({ startLine: 116 });
    expect(answer.citations[0].quote).toContain('Q4 revenues came in at $150.2 million');
    expect(answer.answer).not.toMatch(/Forrester|Report/);
  });

  it('"What were Asana\'s revenues in the first quarter of fiscal 2024?" leads with Q1 revenue, $152.4 million', async () => {
    const answer = await ask("What were Asana's revenues in the first quarter of fiscal 2024?");
    expect(answer.citations[0].quote).toContain('Q1 revenues came in at $152.4 million');
  });
});
