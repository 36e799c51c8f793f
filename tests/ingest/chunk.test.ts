import { describe, it, expect } from 'vitest';
import { chunkTranscript, estimateTokens, groupsTurns } from '../../ingest/chunk.ts';
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

// A made-up stand-up: one turn a line, most of them a few words.
function meeting(lines: Array<[string, string, Turn['section']?]>): Transcript {
  return {
    call: { id: 'm1', file: 'standup.txt', sha256: 'x', format: 'speaker-colon', title: 'Stand-up' },
    turns: lines.map(([speaker, text, section], i) =>
      turn(i, { id: `m1:t${i}`, speaker, role: 'other', section: section ?? 'prepared', paragraphs: [{ line: i + 2, text }] }),
    ),
  };
}

describe('chunkTranscript on a conversation of short turns', () => {
  const standup = meeting([
    ['Ana', 'Morning. Shall we start with the billing migration?'],
    ['Ben', 'Yeah.'],
    ['Ana', 'OK.'],
    ['Ben', `We moved most accounts last week ${words(20, 'billing')}`],
    ['Cleo', 'Any blockers on the invoices?'],
    ['Ben', 'None so far.'],
    ['Ana', `Then the roadmap ${words(150, 'roadmap')}`],
    ['Cleo', 'Right.'],
  ]);

  it('groups consecutive short turns under the budget, starting and ending on turns, with exact lines', () => {
    const units = chunkTranscript(standup, { maxTokens: 60 });
    expect(units.map((u) => u.lines)).toEqual([[2, 3, 4, 5, 6, 7], [8], [9]]);
    expect(units[0]).toMatchObject({ id: 'm1#2-7', startLine: 2, endLine: 7, turnId: 'm1:t0', speakers: ['Ana', 'Ben', 'Cleo'] });
    expect(units[0].text.split('\n\n')).toEqual(standup.turns.slice(0, 6).map((t) => t.paragraphs[0].text));
    expect(units[0].turns!.map((t) => [t.speaker, t.from])).toEqual([['Ana', 0], ['Ben', 1], ['Ana', 2], ['Ben', 3], ['Cleo', 4], ['Ben', 5]]);
    // The single speaker fields are those of the turn with most words.
    expect(units[0].speaker).toBe('Ben');
    expect(units[0].embedText.split('\n')[1]).toBe('Speaker: Ana (other); Ben (other); Cleo (other)');
  });

  it('never crosses the budget, except with one turn over it, which stands alone', () => {
    for (const budget of [10, 40, 60, 300]) {
      const units = chunkTranscript(standup, { maxTokens: budget });
      expect(units.flatMap((u) => u.lines)).toEqual(standup.turns.map((t) => t.paragraphs[0].line));
      for (const u of units) if (u.speakers.length > 1 || (u.turns?.length ?? 1) > 1) expect(estimateTokens(u.text)).toBeLessThanOrEqual(budget);
    }
    const oversize = chunkTranscript(standup, { maxTokens: 60 }).find((u) => u.startLine === 8)!;
    expect(estimateTokens(oversize.text)).toBeGreaterThan(60);
    expect(oversize.turns).toBeUndefined();
    expect(oversize.speakers).toEqual(['Ana']);
  });

  it('never groups across a section boundary', () => {
    const sections = meeting([
      ['Ana', 'Welcome.'],
      ['Ben', 'Thanks.'],
      ['Ana', 'Questions?', 'qa'],
      ['Cleo', 'One.', 'qa'],
    ]);
    expect(chunkTranscript(sections).map((u) => u.lines)).toEqual([[2, 3], [4, 5]]);
  });

  it('keeps an earnings call one unit per turn, unless told', () => {
    expect(groupsTurns(transcript.call.format)).toBe(false);
    expect(chunkTranscript(transcript, { maxTokens: 5000 }).every((c) => !c.turns)).toBe(true);
    expect(chunkTranscript(transcript, { maxTokens: 5000, groupTurns: true })).toHaveLength(2);
    expect(groupsTurns(standup.call.format)).toBe(true);
    expect(chunkTranscript(standup, { groupTurns: false })).toHaveLength(standup.turns.length);
  });
});
