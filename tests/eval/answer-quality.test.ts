import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../ingest/embedders/local.ts';
import { openIndex } from '../../ingest/index-store/read.ts';
import { answerExtractive } from '../../server/rag/answers/answer-extractive.ts';
import type { Answer } from '../../server/rag/answers/answer-types.ts';
import { createRetriever } from '../../server/rag/retrieval/retrieve.ts';
import { SEEDS_DIR, buildSeedIndex } from '../support/seed-index.ts';
import type { EvalQuestion } from './evaluate.ts';
import { loadEvalSet } from './load-eval-set.ts';

interface Row {
  q: EvalQuestion;
  answer: Answer;
  answerable: boolean;
  hasString: boolean;
  citesGold: boolean;
}

// The extractive answerer on the dev set, end to end through the real seed index: an answer is
// good when it says one of the expected strings and cites a gold line.
describe('extractive answer quality on the dev eval set (local embedder)', () => {
  const rows: Row[] = [];
  beforeAll(async () => {
    const set = await loadEvalSet();
    const embedder = new LocalEmbedder();
    const index = await openIndex(await buildSeedIndex(), { expectEmbedderId: embedder.id });
    const retrieve = createRetriever(index, embedder);
    const calls = new Map(index.calls.map((d) => [d.call.id, d.call]));
    for (const q of set.questions) {
      const answer = answerExtractive(q.q, await retrieve(q.q, { k: 10 }), { calls });
      const gold = Object.entries(q.gold).flatMap(([key, lines]) => lines.map((line) => ({ file: set.files[key], line })));
      const text = answer.answer.toLowerCase();
      rows.push({
        q,
        answer,
        answerable: gold.length > 0,
        hasString: q.any.some((s) => text.includes(s.toLowerCase())),
        citesGold: answer.citations.some((c) => gold.some((g) => c.file === g.file && c.startLine <= g.line && g.line <= c.endLine)),
      });
    }
    console.log(
      rows
        .map((r) => {
          const verdict = r.answerable ? `${r.hasString ? 'str' : '---'} ${r.citesGold ? 'gold' : '----'}` : r.answer.answered ? 'ANSWERED' : 'abstain';
          const cites = r.answer.citations.map((c) => `[${c.n}] ${c.file}:${c.startLine}-${c.endLine}`).join(' ');
          return `${r.q.id} ${verdict.padEnd(8)} ${r.q.q}\n    ${r.answer.answer.replace(/\n/g, '\n    ')}\n    ${cites}`;
        })
        .join('\n'),
    );
  }, 120_000);

  it('answers ≥ 90% of answerable questions with an expected string and a cited gold line', () => {
    const answerable = rows.filter((r) => r.answerable);
    const good = answerable.filter((r) => r.hasString && r.citesGold);
    console.log(`answer quality: ${good.length}/${answerable.length} answerable questions good`);
    expect(answerable.length).toBeGreaterThan(0);
    expect(good.length / answerable.length).toBeGreaterThanOrEqual(0.9);
  });

  it('abstains on every unanswerable question', () => {
    const unanswerable = rows.filter((r) => !r.answerable);
    expect(unanswerable.length).toBeGreaterThan(0);
    for (const r of unanswerable) {
      expect(r.answer.answered, r.q.q).toBe(false);
      expect(r.answer.citations).toEqual([]);
    }
  });

  it('quotes only verbatim transcript text from the cited lines and numbers citations densely from 1', async () => {
    const sources = new Map<string, string[]>();
    for (const r of rows) {
      r.answer.citations.forEach((c, i) => expect(c.n).toBe(i + 1));
      for (const c of [...r.answer.citations, ...r.answer.seeAlso]) {
        if (!sources.has(c.file)) sources.set(c.file, (await readFile(path.join(SEEDS_DIR, c.file), 'utf8')).split(/\r?\n/));
        const cited = sources.get(c.file)!.slice(c.startLine - 1, c.endLine).join('\n');
        expect(cited, `${r.q.id} [${c.n}]`).toContain(c.quote);
      }
      for (const c of r.answer.citations) expect(r.answer.answer).toContain(`"${c.quote}" [${c.n}]`);
    }
  });
});
