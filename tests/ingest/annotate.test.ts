import { describe, expect, it } from 'vitest';
import { annotateTranscript } from '../../ingest/annotate.ts';
import { parseTranscript } from '../../ingest/formats/parse.ts';
import type { Transcript, Turn } from '../../ingest/types.ts';
import { readFixture, readSeed, SEED_000, SEED_001 } from './formats/seed-files.ts';

function annotate(text: string, file: string): Transcript {
  return annotateTranscript(parseTranscript(text, file), { id: file.replace(/\.\w+$/, ''), file, sha256: 'abc123' });
}
const at = (t: Transcript, line: number): Turn => t.turns.find((x) => x.startLine <= line && line <= x.endLine)!;
const byHeader = (t: Transcript, line: number): Turn => t.turns.find((x) => x.headerLine === line)!;

describe('annotateTranscript on seed 000 (Q1 FY2024)', () => {
  const t = annotate(readSeed(SEED_000), SEED_000);

  it('fills the call metadata from the operator introduction', () => {
    expect(t.call).toEqual({
      id: '000_4ea6a2434226ac97',
      file: SEED_000,
      sha256: 'abc123',
      format: 'earnings',
      title: 'Asana Q1 FY2024 Earnings Call',
      company: 'Asana',
      companyAliases: [],
      companyKey: 'name:asana',
      fiscalQuarter: 1,
      fiscalYear: 2024,
      fiscal: true,
      periodSource: 'text',
    });
  });

  it('numbers turns and spans their paragraphs', () => {
    expect(t.turns.map((x) => x.id).slice(0, 3)).toEqual(['000_4ea6a2434226ac97:t0', '000_4ea6a2434226ac97:t1', '000_4ea6a2434226ac97:t2']);
    expect(t.turns.every((x, i) => x.index === i)).toBe(true);
    expect(byHeader(t, 18)).toMatchObject({ startLine: 20, endLine: 58, role: 'management', section: 'prepared' });
  });

  it('splits prepared remarks from Q&A at the operator turn that opens questions', () => {
    expect(t.turns.filter((x) => x.section === 'prepared' && x.startLine < 134).map((x) => x.role)).toEqual(['operator', 'management', 'management', 'management', 'management', 'management']);
    expect(at(t, 138)).toMatchObject({ role: 'operator', section: 'qa' });
    expect(at(t, 4)).toMatchObject({ role: 'operator', section: 'prepared' });
  });

  it('names analysts and their firms from the introductions', () => {
    expect(at(t, 142)).toMatchObject({ speaker: 'Andrew Lodovico DeGasperi', role: 'analyst', firm: 'Berenberg', section: 'qa' });
    expect(at(t, 212)).toMatchObject({ speaker: 'George Michael Iwanyc', role: 'analyst', firm: 'Oppenheimer' });
    expect(at(t, 228)).toMatchObject({ speaker: 'Steven Lester Enders', role: 'analyst', firm: 'Citi' });
    expect(at(t, 176)).toMatchObject({ speaker: 'Unidentified Analyst', role: 'analyst', firm: 'Jefferies' });
    // Mauro speaks "on for" Brent Bracelin: the firm of the introduction still applies.
    expect(byHeader(t, 320)).toMatchObject({ speaker: 'Mauro F. Molina', role: 'analyst', firm: 'Piper Sandler' });
    expect(byHeader(t, 330)).toMatchObject({ role: 'analyst', firm: 'Piper Sandler' });
    expect(t.turns.filter((x) => x.role !== 'analyst').every((x) => x.firm === undefined)).toBe(true);
  });

  it('links each management answer to the question it answers', () => {
    const question = at(t, 142);
    expect(at(t, 146)).toMatchObject({ role: 'management', answersTurnId: question.id });
    expect(at(t, 156).answersTurnId).toBe(at(t, 152).id); // follow-up in the same block
    expect(at(t, 168)).toMatchObject({ speaker: 'Tim M. Wan', answersTurnId: at(t, 162).id });
    expect(at(t, 188).answersTurnId).toBe(at(t, 176).id); // second answerer, same question
    expect(t.turns.filter((x) => x.section === 'prepared').every((x) => x.answersTurnId === undefined)).toBe(true);
    for (const answer of t.turns.filter((x) => x.answersTurnId)) {
      expect(t.turns.find((x) => x.id === answer.answersTurnId)?.role).toBe('analyst');
    }
  });

  it('treats closing remarks after the Q&A as prepared, without a question link', () => {
    expect(at(t, 382)).toMatchObject({ role: 'management', section: 'prepared' });
    expect(at(t, 382).answersTurnId).toBeUndefined();
  });
});

describe('annotateTranscript on seed 001 (Q4 FY2023)', () => {
  const t = annotate(readSeed(SEED_001), SEED_001);

  it('fills the call metadata', () => {
    expect(t.call).toMatchObject({ title: 'Asana Q4 FY2023 Earnings Call', company: 'Asana', fiscalQuarter: 4, fiscalYear: 2023 });
    expect(t.turns).toHaveLength(74);
  });

  it("keeps the CFO's prepared remarks 116-144 as management/prepared", () => {
    expect(byHeader(t, 114)).toMatchObject({ speaker: 'Tim M. Wan', startLine: 116, endLine: 144, role: 'management', section: 'prepared' });
    // IR asks to open Q&A, but the Q&A starts with the operator's first introduction.
    expect(at(t, 156)).toMatchObject({ role: 'management', section: 'prepared' });
    expect(at(t, 160)).toMatchObject({ role: 'operator', section: 'qa' });
  });

  it('finds firms with "of" and multi-word names', () => {
    expect(at(t, 164)).toMatchObject({ speaker: 'Annick Jana Baumann', role: 'analyst', firm: 'Jefferies' });
    expect(at(t, 458)).toMatchObject({ role: 'analyst', firm: 'KeyBanc Capital Markets' });
    expect(at(t, 398)).toMatchObject({ role: 'analyst', firm: 'D.A. Davidson' });
    expect(at(t, 440)).toMatchObject({ speaker: 'Frederick Lee', firm: 'Credit Suisse' });
  });

  it('links answers within a block, including multi-part exchanges', () => {
    expect(at(t, 212).answersTurnId).toBe(at(t, 208).id);
    expect(at(t, 222).answersTurnId).toBe(at(t, 216).id);
    expect(at(t, 260)).toMatchObject({ speaker: 'Tim M. Wan', answersTurnId: at(t, 248).id });
    expect(at(t, 450)).toMatchObject({ speaker: 'Dustin A. Moskovitz', answersTurnId: at(t, 440).id });
  });
});

describe('annotateTranscript on other calls', () => {
  it('derives roles in an English-only earnings call with bare-name headers', () => {
    const t = annotate(readFixture('english-only-earnings.txt'), 'english-only-earnings.txt');
    expect(t.call).toMatchObject({ title: 'Northwind Traders Earnings Call Transcript', company: 'Northwind Traders', fiscalQuarter: 3, fiscalYear: 2025 });
    expect(t.turns.map((x) => [x.speaker, x.role, x.section, x.firm ?? null])).toEqual([
      ['Operator', 'operator', 'prepared', null],
      ["Lucy O'Hara", 'management', 'prepared', null],
      ['Raj Mehta', 'management', 'prepared', null],
      ['Ana Lima', 'management', 'prepared', null],
      ['Operator', 'operator', 'qa', null],
      ['Unidentified Analyst', 'analyst', 'qa', 'Morgan Stanley'],
      ['Raj Mehta', 'management', 'qa', null],
      ['Ana Lima', 'management', 'qa', null],
      ['Operator', 'operator', 'qa', null],
      ['Kirk Materne', 'analyst', 'qa', 'Evercore ISI'],
      ['Ana Lima', 'management', 'qa', null],
      ['Operator', 'operator', 'qa', null],
      ['Raj Mehta', 'management', 'prepared', null],
    ]);
    expect(t.turns[7].answersTurnId).toBe(t.turns[5].id);
    expect(t.turns[10].answersTurnId).toBe(t.turns[9].id);
  });

  it('gives role other and section prepared to everyone in a meeting without an operator', () => {
    const t = annotate(readFixture('meeting-no-operator.txt'), 'team/meeting-no-operator.txt');
    expect(t.call).toMatchObject({ format: 'speaker-colon', title: 'meeting-no-operator' });
    expect(t.call.company).toBeUndefined();
    expect(new Set(t.turns.map((x) => `${x.role}/${x.section}`))).toEqual(new Set(['other/prepared']));
    expect(t.turns.some((x) => x.answersTurnId || x.firm)).toBe(false);
  });

  it('carries cue times and the VTT title through', () => {
    const t = annotate(readFixture('teams-voice-tags.vtt'), 'teams-voice-tags.vtt');
    expect(t.call).toMatchObject({ format: 'vtt', title: 'Contoso weekly product sync' });
    expect(t.turns[0]).toMatchObject({ startLine: 11, endLine: 15, role: 'other' });
    expect(t.turns[0].paragraphs[1]).toMatchObject({ startTime: 4.8, endTime: 9.35 });
  });
});
