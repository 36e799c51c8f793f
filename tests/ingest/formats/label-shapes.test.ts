import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../ingest/formats/detect.ts';
import { isHeaderShape } from '../../../ingest/formats/earnings.ts';
import { parseTranscript } from '../../../ingest/formats/parse.ts';
import { introducedAnalyst } from '../../../ingest/formats/call-meta/operator-intro.ts';
import { isMostlyNonLatin } from '../../../ingest/formats/script.ts';
import { parseTimestamp } from '../../../ingest/formats/captions/timestamps.ts';

describe('header shapes of English-only earnings files', () => {
  it('accepts names, titles and stand-ins', () => {
    for (const h of ['Operator', 'Dustin A. Moskovitz - Co-Founder, President, CEO & Chair', "Tomás O'Neill-Burke", 'Unidentified Analyst', 'Unknown Speaker', 'Mary-Ann K. Smith -- CFO', 'Jean-Luc de la Croix Jr.', 'Rina T. Osei - Executive Vice President; Chief Financial Officer, Harbor Life Japan', 'Marc St. Pierre - Vantage Securities, Analyst']) {
      expect(isHeaderShape(h), h).toBe(true);
    }
  });

  it('rejects short paragraphs and headings', () => {
    for (const p of ['Great.', 'Yes.', 'Thanks, Dustin.', 'Okay. Great.', 'Thank You', 'Got it', '(Operator Instructions)', 'Question-and-Answer Session', 'Revenue - up 20% this year.', 'Dana Smith - Yes; we will.', 'Dana Smith - Margins: up again']) {
      expect(isHeaderShape(p), p).toBe(false);
    }
  });
});

describe('translation lines by Unicode script', () => {
  it('treats any mostly non-Latin script as a translation', () => {
    expect(isMostlyNonLatin('下午好,感謝您參加 Asana 第一季度 24 財年收益電話會議。')).toBe(true);
    expect(isMostlyNonLatin('Спасибо, Дастин.')).toBe(true);
    expect(isMostlyNonLatin('アサナの第1四半期')).toBe(true);
    expect(isMostlyNonLatin('Asana Work Graph 的好處')).toBe(true);
    expect(isMostlyNonLatin('He said 你好 to the whole room.')).toBe(false);
    expect(isMostlyNonLatin('Café revenue grew 5%.')).toBe(false);
  });
});

describe('detectFormat', () => {
  it('tells the formats apart', () => {
    expect(detectFormat(['WEBVTT', '', '00:01.000 --> 00:02.000', 'hi'])).toBe('vtt');
    expect(detectFormat(['1', '00:00:01,000 --> 00:00:02,500', 'hi'])).toBe('srt');
    expect(detectFormat(['Jane Doe: hi', 'Bob Ray: hello'])).toBe('speaker-colon');
    expect(detectFormat(['Operator', 'Welcome.', 'Jane Doe - CEO', 'Thanks.', 'Bob Ray - CFO', 'Numbers.'])).toBe('earnings');
    expect(detectFormat(['Operator', 'Operator', 'Welcome.', '歡迎。', 'Jane Doe', 'Jane Doe', 'Thanks.', '謝謝。'])).toBe('earnings');
    expect(detectFormat(['Just prose here.', 'More prose.'])).toBeUndefined();
  });
});

describe('operator introductions', () => {
  it('reads the firm in its usual phrasings', () => {
    expect(introducedAnalyst('The next question will be from the line of Robert Simmons with D.A. Davidson.')).toEqual({ name: 'Robert Simmons', firm: 'D.A. Davidson' });
    expect(introducedAnalyst('And our last question comes from the line of Shebly Seyrafi of FBN Securities.')?.firm).toBe('FBN Securities');
    expect(introducedAnalyst('Our next question is John Smith from Goldman Sachs. Please go ahead.')?.firm).toBe('Goldman Sachs');
    expect(introducedAnalyst('Your first question comes from Mark Murphy with JPMorgan, your line is open.')?.firm).toBe('JPMorgan');
    expect(introducedAnalyst('Next, we have Kara Wendt at Morgan Stanley.')?.firm).toBe('Morgan Stanley');
    expect(introducedAnalyst('I guess my first question is on margins, Tim.')).toBeUndefined();
  });
});

describe('parseTimestamp', () => {
  it('reads VTT, SRT and short clock forms in seconds', () => {
    expect(parseTimestamp('01:02:03.500')).toBe(3723.5);
    expect(parseTimestamp('00:00:02,5')).toBe(2.5);
    expect(parseTimestamp('1:05')).toBe(65);
    expect(parseTimestamp('00:61')).toBeUndefined();
  });
});

describe('English-only earnings variants', () => {
  it('reads "Name, Title" and "Name -- Firm -- Title" headers and skips section headings', () => {
    const text = [
      'Prepared Remarks:',
      'Operator',
      'Welcome to the call.',
      'Tim Wan, Chief Financial Officer',
      'Thanks, Dustin.',
      'Revenue grew.',
      'Questions & Answers:',
      'Kara Wendt -- Morgan Stanley -- Analyst',
      'Yes, thanks.',
    ].join('\n');
    const parsed = parseTranscript(text, 'fool.txt');
    expect(parsed.turns.map((t) => [t.speaker, t.title, t.paragraphs.map((p) => p.line)])).toEqual([
      ['Operator', undefined, [3]],
      ['Tim Wan', 'Chief Financial Officer', [5, 6]],
      ['Kara Wendt', 'Morgan Stanley -- Analyst', [9]],
    ]);
  });
});

describe('bilingual earnings with real translations of the headers', () => {
  it('drops Cyrillic translations and finds headers by shape when they are not doubled', () => {
    const text = ['Уведомление: перевод машинный', 'Operator', 'Оператор', 'Welcome to the call.', 'Добро пожаловать.', 'Jane Doe - CEO', 'Джейн Доу - генеральный директор', 'Great.', 'Отлично.', 'Revenue grew 5%.', 'Выручка выросла на 5%.'].join('\n');
    const parsed = parseTranscript(text, 'ru.txt');
    expect(parsed.title).toBeUndefined();
    expect(parsed.turns.map((t) => [t.speaker, t.title, t.paragraphs.map((p) => p.line)])).toEqual([
      ['Operator', undefined, [4]],
      ['Jane Doe', 'CEO', [8, 10]],
    ]);
  });

  it('ignores participant lists that precede the call', () => {
    const text = ['Company Participants', 'Dustin Moskovitz - CEO', 'Tim Wan - CFO', 'Conference Call Participants', 'Brent Thill - Jefferies', '', 'Operator', 'Good day.', '', 'Dustin Moskovitz - CEO', 'Thanks.'].join('\n');
    expect(parseTranscript(text, 'sa.txt').turns.map((t) => [t.speaker, t.paragraphs.map((p) => p.line)])).toEqual([
      ['Operator', [8]],
      ['Dustin Moskovitz', [11]],
    ]);
  });
});
