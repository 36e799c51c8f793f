import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../ingest/formats/parse.ts';
import { readFixture } from './seed-files.ts';

const summary = (text: string, file: string) =>
  parseTranscript(text, file).turns.map((t) => [t.speaker, t.paragraphs.map((p) => [p.line, p.text, p.startTime, p.endTime])]);

describe('WebVTT with <v Name> voice tags (Teams style)', () => {
  const parsed = parseTranscript(readFixture('teams-voice-tags.vtt'), 'teams-voice-tags.vtt');

  it('reads the title from the WEBVTT line and skips NOTE and STYLE blocks', () => {
    expect(parsed.format).toBe('vtt');
    expect(parsed.title).toBe('Contoso weekly product sync');
    expect(parsed.turns.flatMap((t) => t.paragraphs).some((p) => /Exported|cue\(/.test(p.text))).toBe(false);
  });

  it('merges consecutive cues of one speaker, one paragraph per cue, with cue times', () => {
    expect(summary(readFixture('teams-voice-tags.vtt'), 'x.vtt')).toEqual([
      ['Priya Raman', [[11, "Good morning, everyone. Let's get started.", 1.2, 4.8], [15, 'First item is the billing migration.', 4.8, 9.35]]],
      ["Tomás O'Neill-Burke", [[19, 'We moved 80% of accounts last week. The rest go out on Thursday & Friday.', 9.9, 15]]],
      ['Priya Raman', [[23, 'Great, thanks Tomás.', 15.5, 17]]],
      ['Unknown', [[26, '[inaudible crosstalk]', 18, 20.25]]],
      ['Dr. Wei Zhang', [[29, 'One risk: the invoice PDFs still render in the old template.', 21, 24]]],
    ]);
  });
});

describe('WebVTT with "Name:" prefixes (Zoom style)', () => {
  it('takes speakers from prefixes and joins a two-line cue at its first line', () => {
    expect(summary(readFixture('zoom-name-prefix.vtt'), 'zoom.vtt')).toEqual([
      ['Marcus Bell', [[5, 'Thanks for joining. I want to walk through the renewal.', 2.04, 6.51], [9, 'Your contract ends on March 31, and pricing changes then.', 6.51, 10.02]]],
      ['Dana Whitfield', [[13, 'Understood. Note: we need approval from finance before we sign anything new.', 11.3, 16.88]]],
      ['Marcus Bell', [[18, 'Of course. I can send the quote today.', 17, 19.4]]],
      ['Dana Whitfield', [[22, 'Perfect, thank you.', 20, 22]]],
    ]);
  });

  it('splits a cue that holds two voices into two speakers', () => {
    const text = 'WEBVTT\n\n00:01.000 --> 00:03.000\n<v Ann Lee>Ready?\n<v Bo Chen>Yes, go.\n';
    expect(summary(text, 'two.vtt')).toEqual([
      ['Ann Lee', [[4, 'Ready?', 1, 3]]],
      ['Bo Chen', [[5, 'Yes, go.', 1, 3]]],
    ]);
  });
});

describe('SRT', () => {
  it('reads counters, comma times, tags and cues without a speaker', () => {
    const parsed = parseTranscript(readFixture('support-call.srt'), 'support-call.srt');
    expect(parsed.format).toBe('srt');
    expect(summary(readFixture('support-call.srt'), 'support-call.srt')).toEqual([
      ['Agent', [[3, 'Thank you for calling Northwind support.', 0.5, 3.2]]],
      ['Customer', [[7, 'Hi, my router keeps dropping the connection every evening.', 3.4, 7.9]]],
      ['Unknown', [[12, '(hold music)', 8.1, 10]]],
      ['Agent', [[16, "I've reset the line from our side.", 41, 45.75]]],
    ]);
  });

  it('keeps line numbers of CRLF files', () => {
    const crlf = readFixture('support-call.srt').replace(/\n/g, '\r\n');
    expect(summary(crlf, 'crlf.srt')).toEqual(summary(readFixture('support-call.srt'), 'lf.srt'));
  });
});
