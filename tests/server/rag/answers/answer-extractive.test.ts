import { describe, expect, it } from 'vitest';
import type { Chunk, Role } from '../../../../ingest/types.ts';
import { answerExtractive } from '../../../../server/rag/answers/answer-extractive.ts';
import { traitsOf } from '../../../../server/rag/answers/sentence-score.ts';
import type { Retrieval, RetrievedChunk } from '../../../../server/rag/retrieval/retrieve.ts';

interface Spec {
  speaker: string;
  title?: string;
  role?: Role;
  firm?: string;
  paragraphs: string[];
  lines: number[];
  file?: string;
  turnId?: string;
  answersTurnId?: string;
}

function hits(specs: Spec[]): RetrievedChunk[] {
  return specs.map((s, i) => {
    const file = s.file ?? 'acme-q1.txt';
    const chunk: Chunk = {
      id: `${file}#${s.lines[0]}`,
      callId: file.replace('.txt', ''),
      file,
      turnId: s.turnId ?? `${file}:t${i}`,
      turnIndex: i,
      part: 0,
      startLine: s.lines[0],
      endLine: s.lines[s.lines.length - 1],
      lines: s.lines,
      speaker: s.speaker,
      speakers: [s.speaker],
      ...(s.title && { title: s.title }),
      role: s.role ?? 'management',
      section: 'qa',
      ...(s.firm && { firm: s.firm }),
      ...(s.answersTurnId && { answersTurnId: s.answersTurnId }),
      text: s.paragraphs.join('\n\n'),
      embedText: s.paragraphs.join('\n\n'),
    };
    const title = file.startsWith('acme-q1') ? 'Acme Q1 FY2024 Earnings Call' : 'Acme Q4 FY2023 Earnings Call';
    return { chunk, ordinal: i, callTitle: title, scores: { dense: 0.5, lexical: 2, fused: 0.03 - i * 0.002 } };
  });
}

const retrieval = (question: string, results: RetrievedChunk[], covered = true): Retrieval => ({
  results,
  understood: { labels: [], reasons: [], searchText: question },
  confidence: covered ? 0.9 : 0.1,
  covered,
});

const CFO = { speaker: 'Tim M. Wan', title: 'CFO' };
const finance = hits([
  {
    ...CFO,
    paragraphs: [
      'Thank you, Anne. Gross margins came in at 90.5%.',
      'Operating loss was $22.3 million, and our operating loss margin was 15%. The improvement in our operating margin demonstrates our discipline.',
    ],
    lines: [114, 116],
  },
  { speaker: 'Anne Raimondi', title: 'COO & Head of Business', paragraphs: ['Our operating discipline shows in the operating margin, which keeps improving.'], lines: [90] },
  { speaker: 'Jane Doe', role: 'analyst', firm: 'Big Bank', paragraphs: ['What was the operating loss, and how should we think about operating margin?'], lines: [200] },
  { speaker: 'Operator', role: 'operator', paragraphs: ['The next question is about the operating loss from Jane Doe with Big Bank.'], lines: [198] },
]);

describe('answerExtractive: abstaining', () => {
  it('says the transcripts do not cover it and lists the top 3 passages under see also', () => {
    const answer = answerExtractive('What was the operating loss?', retrieval('What was the operating loss?', finance, false));
    expect(answer).toMatchObject({ answered: false, mode: 'extractive', citations: [] });
    expect(answer.answer).toMatch(/don't cover this/);
    expect(answer.seeAlso.map((c) => [c.n, c.speaker])).toEqual([
      [1, 'Tim M. Wan'],
      [2, 'Anne Raimondi'],
      [3, 'Jane Doe'],
    ]);
    expect(answer.seeAlso[0]).toMatchObject({ quote: 'Operating loss was $22.3 million, and our operating loss margin was 15%.', startLine: 116, endLine: 116 });
  });

  it('abstains without results', () => {
    const answer = answerExtractive('Anything?', retrieval('Anything?', [], true));
    expect(answer).toMatchObject({ answered: false, citations: [], seeAlso: [] });
  });
});

describe('answerExtractive: answering', () => {
  const q = 'What were the operating loss and operating margin?';
  const answer = answerExtractive(q, retrieval(q, finance));

  it('quotes the answering sentence verbatim with its paragraph line, labelled by speaker and call', () => {
    expect(answer.answered).toBe(true);
    expect(answer.answer).toContain('Tim M. Wan (CFO, Acme Q1 FY2024 call) said: "Operating loss was $22.3 million, and our operating loss margin was 15%." [1]');
    expect(answer.citations[0]).toMatchObject({ n: 1, file: 'acme-q1.txt', startLine: 116, endLine: 116, speaker: 'Tim M. Wan', role: 'management' });
  });

  it('numbers citations densely and every quote is verbatim from its cited lines', () => {
    expect(answer.citations.length).toBeGreaterThanOrEqual(2);
    expect(answer.citations.length).toBeLessThanOrEqual(4);
    answer.citations.forEach((c, i) => {
      expect(c.n).toBe(i + 1);
      expect(answer.answer).toContain(`"${c.quote}" [${c.n}]`);
      const source = finance.find((h) => h.chunk.lines.includes(c.startLine))!.chunk;
      const paragraph = source.text.split('\n\n')[source.lines.indexOf(c.startLine)];
      expect(paragraph).toContain(c.quote);
    });
  });

  it('leaves out courtesy, operator lines and the analyst question when management is asked', () => {
    expect(answer.answer).not.toMatch(/Thank you|next question|Jane Doe/);
  });

  it('gives one line per speaker, their sentences in transcript order', () => {
    const speakers = [...new Set(answer.citations.map((c) => c.speaker))];
    expect(answer.answer.split('\n').map((l) => l.split(' (')[0])).toEqual(speakers);
    const tim = answer.citations.filter((c) => c.speaker === 'Tim M. Wan');
    expect(tim.map((c) => c.startLine)).toEqual([...tim.map((c) => c.startLine)].sort((a, b) => a - b));
  });

  it('uses call metadata for labels when given', () => {
    const calls = new Map([['acme-q1', { id: 'acme-q1', title: 'x', company: 'Acme Corp', fiscalQuarter: 1 as const, fiscalYear: 2024 }]]);
    expect(answerExtractive(q, retrieval(q, finance), { calls }).answer).toContain('Tim M. Wan (CFO, Acme Corp Q1 FY2024 call) said:');
  });
});

describe('answerExtractive: choosing sentences', () => {
  it('suppresses near-duplicates said twice', () => {
    const twice = hits([
      { ...CFO, paragraphs: ['Free cash flow was negative $26.5 million in the quarter.'], lines: [132] },
      { ...CFO, file: 'acme-q4.txt', paragraphs: ['Free cash flow was negative $26.5 million this quarter.', 'Free cash flow will turn positive in calendar 2024.'], lines: [40, 42] },
    ]);
    const answer = answerExtractive('What was free cash flow?', retrieval('What was free cash flow?', twice));
    expect(answer.citations.filter((c) => c.quote.includes('$26.5 million'))).toHaveLength(1);
    expect(answer.citations.map((c) => c.quote)).toContain('Free cash flow will turn positive in calendar 2024.');
  });

  it('picks at most two sentences from one chunk by score, keeping other speakers in the answer', () => {
    const one = hits([
      { ...CFO, paragraphs: ['Customers grew to 100. Paying customers grew fast. Customers with large spend grew. Customers in Japan grew too.'], lines: [10] },
      { speaker: 'Anne Raimondi', paragraphs: ['Our customers keep growing in every region.'], lines: [20] },
    ]);
    // Figures asked: the picks alone (an account would add the best pick's paragraph neighbours).
    const answer = answerExtractive('How many customers were there?', retrieval('How many customers were there?', one));
    expect(answer.citations.filter((c) => c.speaker === 'Tim M. Wan').length).toBeLessThanOrEqual(2);
    expect(answer.citations.some((c) => c.speaker === 'Anne Raimondi')).toBe(true);
    const account = answerExtractive('How did customers grow?', retrieval('How did customers grow?', one));
    expect(account.citations.some((c) => c.speaker === 'Anne Raimondi')).toBe(true);
    expect(account.citations.length).toBeLessThanOrEqual(5);
  });

  it('prefers the sentence with the figure when the question asks how much', () => {
    const figures = hits([
      { ...CFO, paragraphs: ['Our cash position remains strong and cash matters to us. Cash and marketable securities were $523.5 million.'], lines: [118] },
    ]);
    const answer = answerExtractive('How much cash did they hold?', retrieval('How much cash did they hold?', figures), { maxSentences: 1 });
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0].quote).toBe('Cash and marketable securities were $523.5 million.');
  });

  it('leads with the analyst and firm for "who asked" questions', () => {
    const qa = hits([
      { speaker: 'Anne Raimondi', title: 'COO', paragraphs: ['We are winning vendor consolidation decisions.'], lines: [300], answersTurnId: 'acme-q4.txt:t9' },
      { speaker: 'Robert Oliver', role: 'analyst', firm: 'Baird', turnId: 'acme-q4.txt:t9', paragraphs: ['Can you talk about vendor consolidation wins?'], lines: [294] },
    ]);
    const q = 'Who asked about vendor consolidation wins?';
    const answer = answerExtractive(q, retrieval(q, qa));
    expect(answer.answer.split('\n')[0]).toBe('Robert Oliver (Baird, analyst) asked: "Can you talk about vendor consolidation wins?" [1]');
  });
});

describe('answerExtractive: several companies', () => {
  it('prefers the call whose title the question names', () => {
    const mixed = hits([
      { ...CFO, paragraphs: ['Revenue grew 34% year-over-year to $150 million.'], lines: [116] },
      { speaker: 'Raj Mehta', title: 'Chief Executive Officer', file: 'northwind.txt', paragraphs: ['Revenue grew 12% to $310 million.'], lines: [12] },
    ]);
    mixed[1].callTitle = 'Northwind Traders Q3 FY2025 Earnings Call';
    const q = 'How much did Northwind revenue grow?';
    const answer = answerExtractive(q, retrieval(q, mixed));
    expect(answer.answer.split('\n')).toEqual(['Raj Mehta (CEO, Northwind Traders Q3 FY2025 call) said: "Revenue grew 12% to $310 million." [1]']);
  });
});

describe('sentence traits', () => {
  const sentence = (text: string) => ({ text, start: 0, end: text.length, startLine: 1, endLine: 1, index: 0 });
  it.each([
    ['We have more than 139,000 paying customers.', true],
    ['We ended the quarter with 510 customers.', true],
    ['Revenue grew 26% year-over-year.', false],
    ['Revenue was $142.3 million.', false],
    ['Margins improved 300 basis points in fiscal 2024.', false],
  ])('%s → states a count: %s', (text, count) => {
    expect(traitsOf(sentence(text)).count).toBe(count);
  });
});

describe('answerExtractive: figures', () => {
  it('answers "how many" with the sentence that states a count, not a growth rate', () => {
    const q = 'How many customers spend $100,000 or more?';
    const results = hits([
      {
        speaker: 'Tim M. Wan',
        title: 'CFO',
        lines: [20, 22],
        paragraphs: [
          'Customers spending $100,000 or more grew 31% year-over-year, faster than the business overall.',
          'We ended the quarter with 510 customers spending $100,000 or more on an annualized basis.',
        ],
      },
    ]);
    const answer = answerExtractive(q, retrieval(q, results));
    const count = answer.citations.find((c) => /510 customers/.test(c.quote));
    expect(count?.startLine).toBe(22);
    expect(answer.answer).toContain('510');
  });
});

describe('answerExtractive: periods named earlier in a paragraph', () => {
  it('reads "We expect …" after "Moving to guidance for Q2." as about Q2', () => {
    const q = 'What revenue does the company expect for Q3?';
    const results = hits([
      {
        speaker: 'Tim M. Wan',
        title: 'CFO',
        lines: [40, 42],
        paragraphs: [
          'Moving to guidance for Q2. We expect revenue of $150 million to $152 million, growth of 12%.',
          'Looking further out, in Q3 we expect revenue of $160 million.',
        ],
      },
    ]);
    const answer = answerExtractive(q, retrieval(q, results));
    expect(answer.answer).toContain('$160 million');
    expect(answer.answer).not.toContain('$150 million');
  });
});


describe('answerExtractive: an analyst named by firm', () => {
  it('answers from the reply to that analyst, list announcement and all', () => {
    const q = 'What did Tim tell the Piper Sandler analyst about net retention?';
    const results = hits([
      {
        speaker: 'Tim M. Wan',
        title: 'CFO',
        lines: [122],
        turnId: 'acme-q1.txt:t1',
        paragraphs: ['Our dollar-based net retention rate was over 115%, and net retention remained healthy.'],
      },
      {
        speaker: 'Brent Bracelin',
        role: 'analyst',
        firm: 'Piper Sandler',
        lines: [320],
        turnId: 'acme-q1.txt:t20',
        paragraphs: ['Tim, what drove the change in net retention this quarter?'],
      },
      {
        speaker: 'Tim M. Wan',
        title: 'CFO',
        lines: [328],
        turnId: 'acme-q1.txt:t21',
        answersTurnId: 'acme-q1.txt:t20',
        paragraphs: ['So the NRR downtick is driven really by 2 things. Expansions are lower because companies are not hiring as fast.'],
      },
    ]);
    const r: Retrieval = { ...retrieval(q, results), understood: { labels: ['Piper Sandler analyst'], firms: ['Piper Sandler'], reasons: [], searchText: q } };
    const answer = answerExtractive(q, r);
    expect(answer.answer).toContain('not hiring as fast');
    expect(answer.answer).not.toContain('over 115%');
    expect(answer.citations.every((c) => c.startLine === 328)).toBe(true);
  });
});

describe('accounts and reasons', () => {
  it('quotes the best sentence with its paragraph neighbours when the question asks for an account, not a figure', () => {
    const q = 'What did Tim say the team is doing to stay ahead of supply chain problems?';
    const results = hits([
      {
        ...CFO,
        paragraphs: [
          "We're watching the market. We're building up our spare-parts stock. We're ordering in bigger batches. So we're trying to stay ahead of the supply chain problems.",
        ],
        lines: [40],
      },
    ]);
    const answer = answerExtractive(q, retrieval(q, results));
    expect(answer.answer).toMatch(/stay ahead of the supply chain problems/);
    expect(answer.answer).toMatch(/building up our spare-parts stock/);
    expect(answer.answer).toMatch(/ordering in bigger batches/);
    // In transcript order, one citation per quoted sentence, all on the paragraph's line.
    expect(answer.answer.indexOf('spare-parts')).toBeLessThan(answer.answer.indexOf('stay ahead'));
    expect(answer.citations.every((c) => c.startLine === 40)).toBe(true);
  });

  it('answers "what was …" as a fact, the statement alone, when its best sentence states a figure', () => {
    const q = "What was Acme's warehouse occupancy at the end of the quarter?";
    const paragraph = 'Our overseas business improved in the quarter. Freight costs fell again. Warehouse occupancy at the end of the quarter was 91.2%, up 40 basis points. We opened two sites.';
    const answer = answerExtractive(q, retrieval(q, hits([{ ...CFO, paragraphs: [paragraph], lines: [50] }])));
    expect(answer.answer).toMatch(/said: "Warehouse occupancy at the end of the quarter was 91\.2%/);
    expect(answer.answer).not.toMatch(/overseas|Freight|two sites/);
  });

  it('answers "what was the reason …" as an account when its best sentence only names a quarter', () => {
    const q = 'What was the reason for the slower warehouse orders in Q4?';
    const paragraph = 'Buyers held back at the end of the year. Warehouse orders were slower in Q4 because buyers waited for the new racking. Stock levels were already high.';
    const answer = answerExtractive(q, retrieval(q, hits([{ ...CFO, paragraphs: [paragraph], lines: [52] }])));
    expect(answer.answer).toMatch(/Warehouse orders were slower in Q4/);
    expect(answer.answer).toMatch(/Buyers held back|Stock levels were already high/);
  });

  it('leaves out a neighbour that only says "Yes." or "Sure, absolutely."', () => {
    const q = 'What did Tim say about R&D spending?';
    const results = hits([{ ...CFO, paragraphs: ['Yes. Sure, absolutely. I think R&D spending will stay flat as a share of revenue.'], lines: [44] }]);
    const answer = answerExtractive(q, retrieval(q, results));
    expect(answer.answer).toMatch(/R&D spending will stay flat/);
    expect(answer.answer).not.toMatch(/"Yes\."|"Sure, absolutely\."/);
  });

  it('answers a figure question with the sentence that states it, without its neighbours', () => {
    const q = 'What gross margin did Acme report?';
    const answer = answerExtractive(q, retrieval(q, finance));
    expect(answer.answer).toMatch(/Gross margins came in at 90\.5%/);
    expect(answer.answer).not.toMatch(/Thank you, Anne/);
  });
});

describe('the statement of the fact asked', () => {
  it('adds the sentence after the best one that states the figure and the date asked', () => {
    const q = 'What did the Riverside turbine repair cost and when did the unit come back online?';
    const results = hits([
      {
        ...CFO,
        paragraphs: [
          'During the spring outage the Riverside turbine repair work was extended to replace the stator.',
          'The unit returned to service on August 4. The cost of the project was approximately $60 million.',
        ],
        lines: [33, 34],
      },
    ]);
    const answer = answerExtractive(q, retrieval(q, results));
    expect(answer.answer).toMatch(/Riverside turbine repair/);
    expect(answer.answer).toMatch(/\$60 million/);
    expect(answer.answer).toMatch(/August 4/);
    expect(answer.citations.some((c) => c.startLine === 34)).toBe(true);
  });
});

describe('the quarter asked, not the year around it', () => {
  it("answers a quarter's revenue with the quarter's figure, not the year's outlook", () => {
    const q = 'What was revenue in Q1 fiscal 2024?';
    const results = hits([
      { ...CFO, paragraphs: ['Q1 revenues came in at $152.4 million, up 26% year-over-year.'], lines: [104] },
      { ...CFO, paragraphs: ['For the full fiscal 2024, we expect revenues to be in the range of $640 million to $648 million.'], lines: [122] },
    ]);
    const answer = answerExtractive(q, retrieval(q, results));
    expect(answer.citations[0].quote).toBe('Q1 revenues came in at $152.4 million, up 26% year-over-year.');
  });
});

describe('answers to an analyst question like ours', () => {
  it('counts the question a turn answers, as its header quotes it, when the question turn itself was not retrieved', () => {
    const [answer, other] = hits([
      {
        ...CFO,
        paragraphs: ['Two things, really. Buyers are still wary of keeping stock. And our fitters cannot get on site yet.'],
        lines: [70],
        answersTurnId: 'acme-q1.txt:t9',
      },
      { ...CFO, paragraphs: ['Our liquidity is solid. Gizmo orders made up 60% of the total.'], lines: [10] },
    ]);
    const asked = 'Question from Kit Vale (Vale Partners): And on gizmo orders, what is holding them back from a stronger recovery?';
    const withHeader = { ...answer, chunk: { ...answer.chunk, embedText: `Call: Acme Q1\nSpeaker: Tim M. Wan, CFO (management)\n${asked}\n\n${answer.chunk.text}` } };
    const question = 'What did Tim Wan say was holding gizmo orders back from recovering more strongly?';
    const byTim = (results: RetrievedChunk[]): Retrieval => ({ ...retrieval(question, results), understood: { labels: [], reasons: [], searchText: question, speakers: ['Tim M. Wan'] } });
    const without = answerExtractive(question, byTim([other, answer]));
    const withQuestion = answerExtractive(question, byTim([other, withHeader]));
    expect(without.answer.indexOf('wary of keeping stock')).toBe(-1);
    expect(withQuestion.answer).toContain('wary of keeping stock');
  });
});

describe('the best word match below the top four', () => {
  it('is read when its words match the question better than every top passage', () => {
    const q = 'Which sporting goods company became a new customer?';
    const filler = (i: number) => ({ ...CFO, paragraphs: [`We keep adding new functions for customers, item ${i}.`], lines: [10 + i] });
    const results = hits([filler(0), filler(1), filler(2), filler(3), { ...CFO, paragraphs: ['Northgate, a leading sporting goods maker, is a new customer this quarter.'], lines: [80] }]);
    results.forEach((r, i) => (r.scores = { ...r.scores, lexical: i === 4 ? 9 : 5 }));
    expect(answerExtractive(q, retrieval(q, results)).answer).toContain('Northgate');
    results[4].scores = { ...results[4].scores, lexical: 4 };
    expect(answerExtractive(q, retrieval(q, results)).answer).not.toContain('Northgate');
  });
});

describe('who holds a title', () => {
  const ask = (identity: NonNullable<Retrieval['understood']['identity']>, searched?: string) => {
    const q = 'Who is the CFO?';
    return answerExtractive(q, { ...retrieval(q, finance), understood: { labels: [], reasons: [], searchText: q, identity, ...(searched && { searched }) } });
  };

  it('names the holder and their title, cited where they speak', () => {
    const a = ask({ title: 'CFO', speakers: ['Tim M. Wan'], holders: 1 });
    expect(a).toMatchObject({ answered: true, answer: 'CFO: Tim M. Wan (CFO, Acme Q1 FY2024 call) [1].' });
    expect(a.citations.map((c) => [c.speaker, c.quote])).toEqual([['Tim M. Wan', 'Thank you, Anne.']]);
  });

  it('asks for a company or call when many people hold the title, and says when nobody does', () => {
    expect(ask({ title: 'CFO', speakers: [], holders: 715 })).toMatchObject({
      answered: false,
      citations: [],
      answer: '715 people hold the title CFO in the calls searched: name the company or the call to ask about.',
    });
    expect(ask({ title: 'CTO', speakers: [], holders: 0 }, "Acme's calls").answer).toBe(
      "The transcripts don't cover this: not found in Acme's calls. No speaker there holds the title CTO.",
    );
  });
});
