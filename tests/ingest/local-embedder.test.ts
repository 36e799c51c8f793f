import { describe, it, expect } from 'vitest';
import { LocalEmbedder } from '../../ingest/embedders/local.ts';

const embedder = new LocalEmbedder();
const embed = (text: string): Float32Array => embedder.embed(text);
const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i], 0);
const sim = (a: string, b: string): number => cosine(embed(a), embed(b));

describe('LocalEmbedder', () => {
  it('names its algorithm and size in its id', () => {
    expect(embedder.id).toBe('local:hash-v3.a5:320');
    expect(new LocalEmbedder({ dimensions: 384 }).id).toBe('local:hash-v3.a5:384');
    expect(() => new LocalEmbedder({ dimensions: 3 })).toThrow(/dimensions/);
  });

  it('returns unit-length Float32Arrays of the configured size', async () => {
    const [v] = await new LocalEmbedder({ dimensions: 256 }).embedDocuments(['Revenue grew 26% year over year.']);
    expect(v).toBeInstanceOf(Float32Array);
    expect(v.length).toBe(256);
    expect(Math.sqrt(cosine(v, v))).toBeCloseTo(1, 5);
  });

  it('returns a zero vector for text without terms rather than NaN', () => {
    const v = embed('the of and ...');
    expect([...v].every((x) => x === 0)).toBe(true);
  });

  it('is deterministic across calls, instances and the two port methods', async () => {
    const text = 'Operating loss was $22.3 million in Q1 fiscal 2024.';
    const other = new LocalEmbedder();
    expect([...(await other.embedQuery(text))]).toEqual([...embed(text)]);
    expect([...(await embedder.embedDocuments([text]))[0]]).toEqual([...embed(text)]);
  });

  it('places wordings of the same idea closer than unrelated text', () => {
    const anchor = 'operating margin improved';
    expect(sim(anchor, 'profitability got better')).toBeGreaterThan(sim(anchor, 'the weather in Japan'));
    expect(sim('we are hiring engineers', 'headcount growth in R&D')).toBeGreaterThan(sim('we are hiring engineers', 'the dividend was raised'));
    expect(sim('AI features', 'generative machine learning capabilities')).toBeGreaterThan(sim('AI features', 'office lease renewal'));
  });

  it('matches figures: a query for "$523.5 million" prefers the chunk that has it', () => {
    const query = 'Where does the $523.5 million come from?';
    const withIt = 'Cash and marketable securities at the end of Q1 were approximately 523.5 million.';
    const without = 'Cash and marketable securities at the end of Q1 were approximately 410.2 million.';
    expect(sim(query, withIt)).toBeGreaterThan(sim(query, without));
  });

  it('tolerates morphology and typos through character n-grams', () => {
    const base = 'profitability outlook';
    expect(sim(base, 'profitabilty outlok')).toBeGreaterThan(sim(base, 'customer onboarding'));
  });

  it('ranks the right chunk first for a question among earnings-call paragraphs', () => {
    const chunks = [
      'Q1 revenues came in at $152.4 million, up 26% year-over-year.',
      'Cash and marketable securities at the end of Q1 were approximately $523.5 million.',
      'We are adding enterprise sales leaders in Japan, DACH and the UK.',
      'Our free cash flow was negative $16.6 million or negative 11% on a margin basis.',
    ];
    const q = embed('Which regions are getting new sales leadership?');
    const scores = chunks.map((c) => cosine(q, embed(c)));
    expect(scores.indexOf(Math.max(...scores))).toBe(2);
  });

  it('does not let a shared context header make an empty chunk look relevant', () => {
    const header = 'Call: Acme Q1 FY2024 Earnings Call — Q&A\nSpeaker: Operator (operator)';
    const q = embed('What was the operating margin in Q1 fiscal 2024?');
    const empty = embed(`${header}\n\nThe next question is from the line of Jane Roe.`);
    const answer = embed(`${header.replace('Operator (operator)', 'Tim Wan, CFO (management)')}\n\nOur operating loss margin was 15%, a 30 point margin improvement.`);
    expect(cosine(q, answer)).toBeGreaterThan(cosine(q, empty));
  });

  it('counts the question an answer addresses as content', () => {
    const head = 'Call: Acme Q1 FY2024 Earnings Call — Q&A\nSpeaker: Anne Chen, COO (management)';
    const withQuestion = embed(`${head}\nQuestion from Jane Roe: How is the hiring plan for engineers?\n\nYes, that is right.`);
    const without = embed(`${head}\n\nYes, that is right.`);
    const q = embed('hiring plans for engineers');
    expect(cosine(q, withQuestion)).toBeGreaterThan(cosine(q, without) + 0.2);
  });
});
