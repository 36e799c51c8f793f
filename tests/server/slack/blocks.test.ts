import { describe, expect, it } from 'vitest';
import { decodeShareValue, encodeShareValue } from '../../../server/slack/state/answer-cache.ts';
import { answerMessage, CONTEXT_MAX_ELEMENTS, MESSAGE_MAX_BLOCKS, NOT_COVERED_TEXT, SECTION_MAX_CHARS, type AnswerForSlack } from '../../../server/slack/messages/blocks.ts';
import { questionFromSlackText } from '../../../server/slack/messages/incoming-text.ts';
import { markdownToMrkdwn, splitText } from '../../../server/slack/messages/mrkdwn.ts';
import type { Citation } from '../../../server/rag/answers/answer-types.ts';

const citation = (n: number, over: Partial<Citation> = {}): Citation => ({
  n,
  file: 'asana-q4.txt',
  startLine: 20 + n,
  endLine: 58 + n,
  speaker: 'Tim Wan',
  title: 'CFO',
  role: 'management',
  callId: 'asana-q4-2023',
  callTitle: 'Asana Q4 FY2023 Earnings Call',
  quote: 'Free cash flow was positive.',
  ...over,
});

const answer = (over: Partial<AnswerForSlack> = {}): AnswerForSlack => ({ answer: 'Free cash flow was **$26.5 million** [1].', answered: true, citations: [citation(1)], seeAlso: [], ...over });
const texts = (blocks: any[]) => blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : b.type === 'context' ? b.elements.map((e: any) => e.text) : []));

describe('markdownToMrkdwn', () => {
  it('turns Markdown emphasis, headings and bullets into Slack mrkdwn and keeps [n]', () => {
    expect(markdownToMrkdwn('**Revenue** grew *fast* [2].')).toBe('*Revenue* grew _fast_ [2].');
    expect(markdownToMrkdwn('# Summary\n- one [1]\n* two [3]')).toBe('*Summary*\n• one [1]\n• two [3]');
    // A link never hides its address behind a label (answers quote transcripts).
    expect(markdownToMrkdwn('see [the call](https://x.test/a?b=1&c=2)')).toBe('see the call (https://x.test/a?b=1&amp;c=2)');
  });

  it('escapes &, < and > so text cannot become Slack control sequences', () => {
    expect(markdownToMrkdwn('P&L <!channel> a > b')).toBe('P&amp;L &lt;!channel&gt; a &gt; b');
  });
});

describe('splitText', () => {
  it('splits at sentence ends and line breaks, never over the limit, losing no words', () => {
    const sentence = 'Revenue grew nineteen percent year over year in the quarter [1]. ';
    const text = sentence.repeat(200);
    const pieces = splitText(text, SECTION_MAX_CHARS);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(SECTION_MAX_CHARS);
      expect(p.endsWith('[1].')).toBe(true);
    }
    expect(pieces.join(' ')).toBe(text.trim());
  });

  it('prefers a line break, and hard-cuts only a run without spaces', () => {
    expect(splitText('aaa bbb\nccc ddd', 10)).toEqual(['aaa bbb', 'ccc ddd']);
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});

describe('answerMessage', () => {
  it('shows the answer in mrkdwn, then sources with speaker, call and a link to the lines', () => {
    const msg = answerMessage(answer(), { publicBaseUrl: 'https://qa.example.com/' });
    expect(msg.text).toBe('Free cash flow was *$26.5 million* [1].');
    expect(msg.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Free cash flow was *$26.5 million* [1].', verbatim: true } });
    expect(texts(msg.blocks)).toContain('*[1]* Tim Wan (CFO) · Asana Q4 FY2023 Earnings Call · <https://qa.example.com/calls/asana-q4-2023#L21-L59|asana-q4.txt:L21–L59>');
  });

  it('shows file:lines as code without PUBLIC_BASE_URL, and one line as L20', () => {
    const msg = answerMessage(answer({ citations: [citation(1, { startLine: 20, endLine: 20 })] }));
    expect(texts(msg.blocks).some((t) => t.endsWith('· `asana-q4.txt:L20`'))).toBe(true);
  });

  it('keeps every limit for a huge answer with many sources', () => {
    const citations = Array.from({ length: 45 }, (_, i) => citation(i + 1));
    const huge = Array.from({ length: 6000 }, (_, i) => `Sentence ${i} says something [${(i % 45) + 1}].`).join(' ');
    const msg = answerMessage(answer({ answer: huge, citations }), { shareValue: 'v' });
    expect(msg.blocks.length).toBeLessThanOrEqual(MESSAGE_MAX_BLOCKS);
    for (const b of msg.blocks) {
      if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(SECTION_MAX_CHARS);
      if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(CONTEXT_MAX_ELEMENTS);
    }
    expect(msg.blocks.some((b) => b.type === 'context' && b.elements[0].text === '*Sources*')).toBe(true);
    expect(msg.blocks.at(-1)?.type).toBe('actions');
    expect(msg.text.length).toBeLessThanOrEqual(3_000);
    expect(texts(msg.blocks).find((t) => t.includes('answer cut to fit Slack'))).toBeDefined();
  });

  it('splits 25 sources into context blocks of at most 10 elements, all kept', () => {
    const citations = Array.from({ length: 25 }, (_, i) => citation(i + 1));
    const msg = answerMessage(answer({ citations }));
    const contexts = msg.blocks.filter((b) => b.type === 'context');
    expect(contexts.map((b) => (b as any).elements.length)).toEqual([10, 10, 6]);
    expect(texts(msg.blocks).filter((t) => /^\*\[\d+\]\*/.test(t))).toHaveLength(25);
  });

  it('never posts an uncited claim: not answered, or answered without citations, says the transcripts do not cover it', () => {
    for (const a of [answer({ answered: false, citations: [], seeAlso: [citation(1)] }), answer({ citations: [] })]) {
      const msg = answerMessage(a);
      expect(msg.text).toBe(NOT_COVERED_TEXT);
      expect(texts(msg.blocks).join('\n')).not.toContain('26.5');
    }
    const withSeeAlso = answerMessage(answer({ answered: false, citations: [], seeAlso: [citation(1)] }));
    expect(texts(withSeeAlso.blocks)).toContain('*See also*');
  });
});

describe('share button values', () => {
  it('round-trip, and stay within 2,000 characters for any question', () => {
    expect(decodeShareValue(encodeShareValue({ id: 'abc', question: 'Q?' }))).toEqual({ id: 'abc', question: 'Q?' });
    const long = '"quoted" \\ and é '.repeat(500);
    const value = encodeShareValue({ id: 'abc', question: long });
    expect(value.length).toBeLessThanOrEqual(2_000);
    expect(long.startsWith(decodeShareValue(value)!.question)).toBe(true);
    expect(decodeShareValue('not json')).toBeUndefined();
  });
});

describe('questionFromSlackText', () => {
  it("removes the bot's mention and unescapes Slack markup", () => {
    const bots = new Set(['UBOT']);
    expect(questionFromSlackText('<@UBOT> What about P&amp;L &lt;Q4&gt;?', bots)).toBe('What about P&L <Q4>?');
    expect(questionFromSlackText('<@UBOT> did <@U2|ann> see <https://x.test|the deck> in <#C1|general>?', bots)).toBe('did @ann see the deck in #general?');
  });
});
