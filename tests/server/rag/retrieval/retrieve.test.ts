import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../../../ingest/embedders/local.ts';
import { openIndex } from '../../../../ingest/index-store/read.ts';
import type { OpenIndex } from '../../../../ingest/index-store/types.ts';
import { ingest } from '../../../../ingest/pipeline.ts';
import { unitTurns } from '../../../../ingest/unit-turns.ts';
import { answerExtractive } from '../../../../server/rag/answers/answer-extractive.ts';
import { createRetriever, DEFAULT_TUNING, type Reranker, type Retriever } from '../../../../server/rag/retrieval/retrieve.ts';
import { SEEDS_DIR } from '../../../support/seed-index.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/transcripts');

// A real index of several companies' calls: the two seeds plus the hand-written fixtures
// (another company's earnings call, a meeting, support calls), as a user's folder would be.
describe('retrieve over several companies', () => {
  let index: OpenIndex;
  let indexDir: string;
  let retrieve: Retriever;
  const embedder = new LocalEmbedder();
  const northwind = () => index.calls.find((d) => d.call.company === 'Northwind Traders')!.call.id;

  beforeAll(async () => {
    indexDir = path.join(await mkdtemp(path.join(tmpdir(), 'tqa-retrieve-')), 'index');
    await ingest({ paths: [SEEDS_DIR, FIXTURES], indexDir, embedder, chunkMaxTokens: 300 });
    index = await openIndex(indexDir);
    retrieve = createRetriever(index, embedder);
  }, 60_000);

  it('finds a management answer by the analyst question it answers, though it uses none of its words', async () => {
    const { results } = await retrieve('What did management say about linearity and receivables?', { k: 5 });
    const top = results[0].chunk;
    expect(top.file).toBe('001_a68e11fc9e09f61d.txt');
    expect([top.startLine, top.speaker, top.role]).toEqual([474, 'Tim M. Wan', 'management']);
    expect(top.text).not.toMatch(/linearity|receivable/i);
  });

  it('on an index too large to scan whole, asks the local vector only when no chunk holds a word of the question', async () => {
    // The same calls, opened as if they were a library (no exact scan): the hashed vector could only reorder lexical hits.
    const large = await openIndex(indexDir, { exactScan: { maxChunks: 0, maxFraction: 0 } });
    expect([index.denseScansWhole, large.denseScansWhole]).toEqual([true, false]);
    const library = createRetriever(large, embedder);
    const question = 'What did management say about pricing and packaging?';
    expect((await retrieve(question, { k: 5 })).results.some((r) => r.scores.dense > 0)).toBe(true);
    const lexicalOnly = await library(question, { k: 5 });
    expect(lexicalOnly.results.length).toBe(5);
    expect(lexicalOnly.results.every((r) => r.scores.dense === 0 && r.scores.lexical > 0)).toBe(true);
    // Misspelt beyond the lexicon: only the vector's character grams find anything.
    const typo = await library('prizing pakaging', { k: 3 });
    expect(typo.results.length).toBeGreaterThan(0);
    expect(typo.results.every((r) => r.scores.dense > 0 && r.scores.lexical === 0)).toBe(true);
  });

  it('understands a company name as that call and ranks its figures first', async () => {
    const r = await retrieve("What was Northwind's gross margin?", { k: 5 });
    expect(r.understood.callIds).toEqual([northwind()]);
    expect(r.results[0].chunk.callId).toBe(northwind());
    expect(r.results[0].chunk.text).toMatch(/Gross margin was 61%/);
  });

  it('applies a call filter inside the search on a numbers question', async () => {
    const r = await retrieve('What was revenue growth?', { k: 8, filters: { callIds: [northwind()] } });
    expect(r.results.length).toBeGreaterThan(0);
    expect(r.results.every((x) => x.chunk.callId === northwind())).toBe(true);
    expect(r.results[0].chunk.text).toMatch(/12% to \$310 million/);
  });

  it('returns nothing, never everything, when a filter matches nothing', async () => {
    expect((await retrieve('revenue', { filters: { callIds: ['no-such-call'] } })).results).toEqual([]);
    expect((await retrieve('revenue', { filters: { speakers: ['Nobody Atall'] } })).results).toEqual([]);
  });

  it('combines role, section and speaker filters', async () => {
    const analysts = await retrieve('guidance', { k: 10, filters: { roles: ['analyst'], sections: ['qa'] } });
    expect(analysts.results.length).toBeGreaterThan(0);
    // A unit grouping short turns matches when any of its turns does.
    expect(analysts.results.every((x) => unitTurns(x.chunk).some((t) => t.role === 'analyst') && x.chunk.section === 'qa')).toBe(true);
    const tim = await retrieve('margin', { k: 10, filters: { speakers: ['Tim Wan'] } });
    expect(tim.results.every((x) => x.chunk.speakers.includes('Tim M. Wan'))).toBe(true);
  });

  it("matches a speaker filter on anyone inside a meeting's grouped unit, with exact lines", async () => {
    // The stand-up fixture is six one-line turns: one unit. Omar only says "None from me.".
    const r = await retrieve('staging credentials', { k: 5, filters: { speakers: ['Omar Haddad'] } });
    expect(r.results).toHaveLength(1);
    expect(r.results[0].chunk).toMatchObject({ file: 'meeting-no-operator.txt', startLine: 1, endLine: 6, lines: [1, 2, 3, 4, 5, 6] });
    expect(r.results[0].chunk.speakers).toEqual(['Sam Patel', 'Lena Fischer', 'Omar Haddad']);
  });

  it('returns passages that never overlap, with scores and call titles', async () => {
    const { results } = await retrieve('AI features pricing add-on', { k: 20 });
    const lines = results.flatMap((x) => x.chunk.lines.map((n) => `${x.chunk.callId}:${n}`));
    expect(new Set(lines).size).toBe(lines.length);
    for (const x of results) {
      expect(x.callTitle).toBe(index.callById(x.chunk.callId)!.call.title);
      expect(x.scores.fused).toBeGreaterThan(0);
    }
  });

  it('gives one result per speaker turn when turnRepeat is 0', async () => {
    const once = createRetriever(index, new LocalEmbedder(), { ...DEFAULT_TUNING, turnRepeat: 0 });
    const { results } = await once('AI features pricing add-on', { k: 20 });
    expect(new Set(results.map((x) => x.chunk.turnId)).size).toBe(results.length);
  });

  it('says "not covered" for a subject nobody spoke about', async () => {
    const r = await retrieve('What did management say about the metaverse?');
    expect(r.covered).toBe(false);
    expect(r.confidence).toBeLessThan(0.5);
  });

  it("answers what an analyst named by firm asked, from that analyst's turn", async () => {
    const q = 'What did the Goldman Sachs analyst ask about?';
    const r = await retrieve(q, { k: 5 });
    expect(r.understood.firms).toEqual(['Goldman Sachs']);
    expect(r.results[0].chunk).toMatchObject({ speaker: 'Kash Rangan', role: 'analyst', firm: 'Goldman Sachs' });
    const answer = answerExtractive(q, r);
    expect(answer.answered).toBe(true);
    expect(answer.answer).toMatch(/^Kash Rangan \(Goldman Sachs, analyst\) asked: "Frank, can you talk about the drivers of gross margin expansion\?"/);
  });

  it('counts a synonym from the lexicon towards coverage ("buybacks" for "repurchased … shares")', async () => {
    const r = await retrieve('What did the CFO of Globex say about share buybacks?', { k: 5 });
    expect(r.covered).toBe(true);
    expect(r.results[0].chunk.text).toMatch(/We repurchased \$200 million of shares/);
  });

  it('answers a comparison of two periods with one statement per period, each cited from its own call', async () => {
    const q = "How did Asana's gross margin change from Q4 fiscal 2023 to Q1 fiscal 2024?";
    const r = await retrieve(q, { k: 8 });
    expect(r.understood.periods?.map((p) => p.label)).toEqual(['Q4 FY2023', 'Q1 FY2024']);
    const answer = answerExtractive(q, r);
    const [first, second] = answer.answer.split('\n');
    expect(first).toMatch(/^Q4 FY2023: .*Gross margins came in at 90\.5%/);
    expect(second).toMatch(/^Q1 FY2024: /);
    const callOf = (line: string) => [...line.matchAll(/\[(\d+)\]/g)].map((m) => answer.citations[Number(m[1]) - 1].callId);
    expect(new Set(callOf(first))).toEqual(new Set([r.understood.periods![0].callIds[0]]));
    expect(new Set(callOf(second))).toEqual(new Set([r.understood.periods![1].callIds[0]]));
  });

  it('lets a reranker reorder the best results before the cut to k', async () => {
    const reverse: Reranker = { depth: 6, rerank: async (_q, results) => [...results].reverse() };
    const plain = await retrieve('free cash flow in the fourth quarter', { k: 6 });
    const reranked = await createRetriever(index, embedder, undefined, reverse)('free cash flow in the fourth quarter', { k: 3 });
    expect(reranked.results.map((x) => x.chunk.id)).toEqual(plain.results.slice(3, 6).reverse().map((x) => x.chunk.id));
  });
});

describe('a question whose words a meeting never says', () => {
  it("still lists the meeting's passages inside the call asked about, the named speaker's longest first", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tqa-fill-'));
    const words = (topic: string, n: number) => Array.from({ length: n }, (_, i) => `${topic} item ${i} looks fine to us.`).join(' ');
    const lines = [
      `Kim Lee: ${words('The blue gadget', 40)}`,
      `Raj Patel: ${words('The shipping crate', 40)}`,
      `Kim Lee: Short remark.`,
      `Ana Cruz: ${words('The budget sheet', 40)}`,
      `Raj Patel: ${words('The spare parts list', 40)}`,
    ];
    await mkdir(path.join(dir, 'calls'));
    await writeFile(path.join(dir, 'calls', 'design-review.txt'), `${lines.join('\n')}\n`);
    const embedder = new LocalEmbedder();
    await ingest({ paths: [path.join(dir, 'calls')], indexDir: path.join(dir, 'index'), embedder, chunkMaxTokens: 300 });
    const index = await openIndex(path.join(dir, 'index'));
    const retrieve = createRetriever(index, embedder);
    const callIds = [index.calls[0].call.id];
    const r = await retrieve("What was Kim Lee's presentation mainly about?", { k: 3, filters: { callIds } });
    expect(r.results.length).toBe(3);
    expect(r.results[0].chunk.speakers).toContain('Kim Lee');
    expect(r.results[0].chunk.startLine).toBe(1);
  }, 60_000);
});
