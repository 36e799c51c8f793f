import { describe, expect, it } from 'vitest';
import type { ChunkSentence } from '../../../../server/rag/answers/chunk-sentences.ts';
import { answerNeeds, sentenceStates, states } from '../../../../server/rag/answers/answer-support.ts';

const sentence = (text: string, index = 0): ChunkSentence => ({ text, start: 0, end: text.length, startLine: 1, endLine: 1, index });

// Made-up statements and questions: the kept answer must be states()'s for every kind asked.
const SENTENCES = ['Widget revenue was $12 million.', 'We opened 3 stores in May.', 'Margins rose 40 basis points.', 'We feel good about the year.', 'Leap 360 grew nicely.'];
const QUESTIONS = [
  'How much did widgets earn?',
  'How many stores opened?',
  'When did the stores open?',
  'What margin did they report?',
  'How many quarters in a row did sales grow?',
  'What did they say about Leap 360?',
  'What did they say about the year?',
];

describe('sentenceStates', () => {
  it('agrees with states() for each question, asked in any order and again', () => {
    const sentences = SENTENCES.map((t, i) => sentence(t, i));
    for (const round of [0, 1])
      for (const q of round ? [...QUESTIONS].reverse() : QUESTIONS)
        for (const s of sentences) expect(sentenceStates(s, answerNeeds(q)), `${q} / ${s.text}`).toBe(states(s.text, answerNeeds(q)));
  });

  it("does not keep an answer that depends on the question's own numbers", () => {
    const s = sentence('Leap 360 grew nicely.');
    // "360" is the question's own: not a count it states.
    expect(sentenceStates(s, answerNeeds('How many users does Leap 360 have?'))).toBe(false);
    expect(sentenceStates(s, answerNeeds('How many users does Leap have?'))).toBe(true);
    expect(sentenceStates(s, answerNeeds('How many users does Leap 360 have?'))).toBe(false);
  });
});
