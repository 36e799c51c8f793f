// Regression (issue 11, defect 3): transcript text became citation markers. A line "as shown on
// slide [2] … footnote [1]" gave an extractive answer with markers [2] [1] … and 2 citations, and
// the page rendered "slide [2]" as a chip opening another passage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../server/app.ts';
import { formatAnswer } from '../../../server/cli/format-answer.ts';
import type { AskResult } from '../../../server/rag/ask.ts';
import { splitAnswer } from '../../../server/web/src/answers/answer-text.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai-server.ts';
import { makeApp } from '../support/test-app.ts';
import { hostileIndex } from './hostile-index.ts';

const QUESTION = 'What was revenue for the quarter at Northwind Fabrication?';

/** Every marker of an answer, as the page reads them. */
const markersOf = (text: string) => splitAnswer(text).flatMap((p) => ('cites' in p && p.cites ? p.cites : []));

const ask = async (url: string, body: object): Promise<AskResult> =>
  (await fetch(`${url}/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

describe("bracketed numbers in transcripts are not citation markers", () => {
  let offline: App;
  let withLlm: App;
  let fake: FakeOpenAI;
  let urls: { offline: string; llm: string };
  beforeAll(async () => {
    const index = await hostileIndex();
    fake = await startFakeOpenAI({ onChat: () => 'Dana Quill said revenue "was 41 million dollars, as shown on slide (2) of the deck" [1].' });
    offline = await makeApp({}, index);
    withLlm = await makeApp({ OPENAI_BASE_URL: fake.url }, index);
    urls = { offline: await offline.listen({ host: '127.0.0.1', port: 0 }), llm: await withLlm.listen({ host: '127.0.0.1', port: 0 }) };
  });
  afterAll(async () => {
    await offline.close();
    await withLlm.close();
    await fake.close();
  });

  it('extractive: the quote says "slide (2)" and every marker is one of the citations', async () => {
    const result = await ask(urls.offline, { question: QUESTION });
    expect(result.answer).toContain('slide (2)');
    expect(result.answer).toContain('footnote (1) and (3, 4)');
    const markers = markersOf(result.answer);
    expect(markers.length).toBeGreaterThan(0);
    expect(new Set(markers).size).toBe(result.citations.length);
    for (const n of markers) expect(n).toBeLessThanOrEqual(result.citations.length);
    // The citation's quote stays verbatim: it is what the page highlights in the transcript.
    expect(result.citations.some((c) => c.quote.includes('slide [2]'))).toBe(true);
    // The CLI prints quotes the same way as the answer.
    const printed = formatAnswer(result);
    expect(printed).toContain('slide (2)');
    expect(printed).not.toContain('slide [2]');
  });

  it('LLM: the model sees "(2)", its quotation of it verifies, and [1] stays the only marker', async () => {
    const result = await ask(urls.llm, { question: QUESTION });
    expect(result).toMatchObject({ mode: 'llm', verification: { dropped: 0 } });
    expect(markersOf(result.answer)).toEqual([1]);
    const prompt = JSON.stringify(fake.requestsTo('chat').at(-1)!.body.messages);
    expect(prompt).toContain('slide (2)');
    expect(prompt).not.toContain('slide [2]');
  });
});
