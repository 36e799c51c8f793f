import { describe, expect, it } from 'vitest';
import { splitAnswer } from '../../server/web/src/answers/answer-text.ts';
import { historyToSend, MAX_MESSAGE_CHARS, MAX_MESSAGES } from '../../server/web/src/conversation/conversation.ts';

describe('splitAnswer', () => {
  it('cuts the text at [n] and [n, m] markers', () => {
    expect(splitAnswer('Revenue grew 26% [1]. Margins rose [2, 3].')).toEqual([
      { text: 'Revenue grew 26% ' },
      { cites: [1], raw: '[1]' },
      { text: '. Margins rose ' },
      { cites: [2, 3], raw: '[2, 3]' },
      { text: '.' },
    ]);
  });

  it('keeps bracketed prose as text', () => {
    expect(splitAnswer('He said [the company] would grow.')).toEqual([{ text: 'He said [the company] would grow.' }]);
  });
});

describe('historyToSend', () => {
  it('keeps the most recent messages within the server limits', () => {
    const history = Array.from({ length: 30 }, (_, i) => ({ role: i % 2 ? ('assistant' as const) : ('user' as const), content: `m${i}`.padEnd(i === 29 ? 9000 : 2, 'x') }));
    const sent = historyToSend(history);
    expect(sent).toHaveLength(MAX_MESSAGES);
    expect(sent[0].content).toBe('m10');
    expect(sent.at(-1)!.content).toHaveLength(MAX_MESSAGE_CHARS);
  });
});
