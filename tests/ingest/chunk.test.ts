import { describe, it, expect } from 'vitest';
import { chunkTranscript, estimateTokens } from '../../ingest/chunk.ts';
import type { Paragraph, Transcript, Turn } from '../../ingest/types.ts';

const words = (n: number, word = 'revenue'): string => Array.from({ length: n }, () => word).join(' ');

function turn(index: number, fields: Partial<Turn> & { paragraphs: Paragraph[] }): Turn {
  const lines = fields.paragraphs.map((p) => p.line);
  return {
    id: `call1:t${index}`,
    index,
    speaker: 'Speaker',
    role: 'management',
    section: 'prepared',
    startLine: (fields.headerLine ?? lines[0]) as number,
    endLine: lines[lines.length - 1],
    ...fields,
  };
}

const transcript: Transcript = {
  call: { id: 'call1', file: 'acme/q1.txt', sha256: 'abc', format: 'earnings', title: 'Acme Q1 FY2024 Earnings Call' },
  turns: [
    turn(0, { speaker: 'Operator', role: 'operator', headerLine: 2, paragraphs: [{ line: 3, text: 'Welcome to the call.' }] }),
    turn(1, {
      speaker: 'Tim M. Wan', title: 'CFO', headerLine: 5,
      paragraphs: [
        { line: 6, text: words(100) },
        { line: 8, text: words(100, 'margin') },
        { line: 10, text: words(100, 'cash') },
      ],
    }),
    turn(2, {
      speaker: 'Jane Roe', title: 'Analyst', role: 'analyst', section: 'qa', firm: 'Big Bank', headerLine: 12,
      paragraphs: [{ line: 13, text: 'How should we think about pricing and packaging for enterprise customers next year?' }],
    }),
    turn(3, {
      speaker: 'Anne Chen', title: 'COO', section: 'qa', headerLine: 15, answersTurnId: 'call1:t2',
      paragraphs: [{ line: 16, text: 'We are moving customers to higher tiers.' }, { line: 18, text: words(500, 'tier') }],
    }),
  ],
};

describe('estimateTokens', () => {
  it('counts words × 1.3, rounded up', () => {
    expect(estimateTokens('one two three')).toBe(4);
    expect(estimateTokens('  ')).toBe(0);
  });
});

describe('chunkTranscript', () => {
  const chunks = chunkTranscript(transcript);

  it('never crosses a speaker turn', () => {
    for (const c of chunks) {
      const t = transcript.turns[c.turnIndex];
      expect(c.turnId).toBe(t.id);
      for (const line of c.lines) expect(t.paragraphs.map((p) => p.line)).toContain(line);
    }
    expect(chunks.map((c) => c.turnIndex)).toEqual([0, 1, 1, 2, 3, 3]);
  });

  it('splits long turns at paragraph boundaries under the budget', () => {
    const cfo = chunks.filter((c) => c.turnIndex === 1);
    expect(cfo.map((c) => c.lines)).toEqual([[6, 8], [10]]);
    expect(cfo.map((c) => c.part)).toEqual([0, 1]);
    for (const c of cfo) expect(estimateTokens(c.text)).toBeLessThanOrEqual(300);
    expect(chunkTranscript(transcript, { maxTokens: 1000 }).filter((c) => c.turnIndex === 1)).toHaveLength(1);
  });

  it('keeps a paragraph larger than the budget whole, in a chunk of its own', () => {
    const answer = chunks.filter((c) => c.turnIndex === 3);
    expect(answer.map((c) => c.lines)).toEqual([[16], [18]]);
    expect(answer[1].text).toBe(words(500, 'tier'));
  });

  it('records exact lines, ids and the paragraph text', () => {
    const c = chunks[1];
    expect(c).toMatchObject({
      id: 'call1#6-8', callId: 'call1', file: 'acme/q1.txt', startLine: 6, endLine: 8,
      speaker: 'Tim M. Wan', title: 'CFO', role: 'management', section: 'prepared',
    });
    expect(c.text).toBe(`${words(100)}\n\n${words(100, 'margin')}`);
    expect(chunks[0].id).toBe('call1#3-3');
  });

  it('puts call, speaker and role in the embedded header', () => {
    expect(chunks[1].embedText).toBe(
      `Call: Acme Q1 FY2024 Earnings Call — Prepared remarks\nSpeaker: Tim M. Wan, CFO (management)\n\n${chunks[1].text}`,
    );
    expect(chunks[3].embedText.split('\n')[1]).toBe('Speaker: Jane Roe, Analyst (analyst, Big Bank)');
  });

  it('gives every chunk of an answer the question it answers', () => {
    for (const c of chunks.filter((x) => x.turnIndex === 3)) {
      expect(c.answersTurnId).toBe('call1:t2');
      expect(c.embedText).toContain('\nQuestion from Jane Roe (Big Bank): How should we think about pricing and packaging');
      expect(c.embedText.endsWith(c.text)).toBe(true);
    }
    expect(chunks[3].embedText).not.toContain('Question from');
  });

  it('trims a long question to about 60 words', () => {
    const long = structuredClone(transcript);
    long.turns[2].paragraphs = [{ line: 13, text: words(200, 'why') }];
    const answer = chunkTranscript(long).find((c) => c.turnIndex === 3)!;
    const question = answer.embedText.split('\n')[2];
    expect(question).toBe(`Question from Jane Roe (Big Bank): ${words(60, 'why')} …`);
  });

  it('carries caption times from the first and last timed paragraphs', () => {
    const timed = structuredClone(transcript);
    timed.turns[0].paragraphs = [
      { line: 3, text: 'Hello.', startTime: 1.5, endTime: 3 },
      { line: 4, text: 'Welcome.', startTime: 3.2, endTime: 6.25 },
    ];
    const [c] = chunkTranscript(timed);
    expect(c).toMatchObject({ startTime: 1.5, endTime: 6.25, lines: [3, 4], id: 'call1#3-4' });
    expect(chunks[0].startTime).toBeUndefined();
  });

  it('skips turns without paragraphs and rejects a non-positive budget', () => {
    const empty = structuredClone(transcript);
    empty.turns[0].paragraphs = [];
    expect(chunkTranscript(empty).map((c) => c.turnIndex)).not.toContain(0);
    expect(() => chunkTranscript(transcript, { maxTokens: 0 })).toThrow(/maxTokens/);
  });
});
