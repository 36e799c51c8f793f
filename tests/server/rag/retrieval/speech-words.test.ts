import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../../../ingest/embedders/local.ts';
import { openIndex } from '../../../../ingest/index-store/read.ts';
import { createRetriever, type Retriever } from '../../../../server/rag/retrieval/retrieve.ts';
import { ingestIntoTemp } from '../../../support/seed-index.ts';

// A made-up meeting, each turn long enough to be its own unit. One turn says "I think" a lot and
// nothing else of note; the budget is talked about without the word "think".
const FILLER = 'we went over the shelving layout, the loading dock hours and the parking passes for the visitors';
const turn = (speaker: string, text: string) => `${speaker}: ${text} ${Array(12).fill(FILLER).join(', ')}.`;
const MEETING = [
  turn('Priya Raman', 'Welcome back everyone.'),
  turn('Tom Okafor', 'I think so, I think that works, I think we agree and I think it is fine.'),
  turn('Lin Zhao', 'The budget for the warehouse move is ten percent over because of the racking.'),
  turn('Priya Raman', 'Shall we move on?'),
  turn('Tom Okafor', 'The budget review is on Friday.'),
  turn('Lin Zhao', 'We could trim the budget by renting the forklifts.'),
].join('\n');

describe('words that report speech', () => {
  let retrieve: Retriever;
  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tqa-speech-'));
    await writeFile(path.join(dir, 'planning.txt'), `Planning meeting\n${MEETING}\n`);
    const index = await openIndex(await ingestIntoTemp([dir], 'tqa-speech-index-'));
    retrieve = createRetriever(index, new LocalEmbedder());
  });

  it('are not searched for: "what did they think about the budget" finds the budget, not every "I think"', async () => {
    const r = await retrieve('What did the team think about the budget?', { k: 2 });
    expect(r.results).toHaveLength(2);
    for (const x of r.results) expect(x.chunk.text).toMatch(/budget/);
    expect(r.results.map((x) => x.chunk.text).join('\n')).not.toContain('I think so');
  });

  it('are searched when the question has no other words', async () => {
    const r = await retrieve('What did they think?', { k: 2 });
    expect(r.results[0].chunk.text).toMatch(/I think/);
  });
});
