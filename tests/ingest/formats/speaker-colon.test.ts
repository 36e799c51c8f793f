import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../ingest/formats/parse.ts';
import { readFixture } from './seed-files.ts';

const turns = (text: string) =>
  parseTranscript(text, 'call.txt').turns.map((t) => [t.speaker, t.paragraphs.map((p) => [p.line, p.text, p.startTime])]);

describe('"Speaker: text" transcripts', () => {
  it('reads all three timestamp styles, merges a speaker\'s lines, and keeps "Note:" prose as text', () => {
    const parsed = parseTranscript(readFixture('speaker-colon-timestamps.txt'), 'review.txt');
    expect(parsed.format).toBe('speaker-colon');
    expect(parsed.title).toBe('Acme Robotics – Design Review');
    expect(turns(readFixture('speaker-colon-timestamps.txt'))).toEqual([
      ['Jane Doe', [[3, 'Welcome back. Today we look at the gripper redesign.', 5], [4, 'The prototype passed the drop test.', 12]]],
      ["John O'Brien", [[5, 'I have a concern about the torque limits.', 62], [6, 'Note: the limits in the spec sheet are from the old motor.', undefined]]],
      ['Mary-Ann K. Smith', [[7, 'We can rerun the bench test on Friday.', 90], [8, 'She means the new motor, to be clear.', undefined]]],
      ['Jane Doe', [[10, "Good. Let's decide next week.", 130]]],
    ]);
  });

  it('accepts a one-word label only when it recurs (Q:/A: interviews)', () => {
    const text = 'Q: How did the quarter go?\nA: Better than planned.\nQ: And margins?\nA: Up two points.\n';
    expect(turns(text).map(([speaker]) => speaker)).toEqual(['Q', 'A', 'Q', 'A']);
  });

  it('reads Otter-style "Name  0:02" lines with the words below them', () => {
    const text = 'Speaker 1  0:02\nHello and welcome.\n\nSpeaker 2  0:09\nThanks for having me.\nGlad to be here.\n';
    expect(turns(text)).toEqual([
      ['Speaker 1', [[2, 'Hello and welcome.', 2]]],
      ['Speaker 2', [[5, 'Thanks for having me.', 9], [6, 'Glad to be here.', undefined]]],
    ]);
  });

  it('drops lines in other scripts and keeps titles out of labels', () => {
    const text = 'Jane Doe (CEO): We shipped it.\nJane Doe (CEO): 我們發布了。\nBob Ray, CFO: Costs fell.\n';
    const parsed = parseTranscript(text, 'x.txt');
    expect(parsed.turns.map((t) => [t.speaker, t.title, t.paragraphs.map((p) => p.line)])).toEqual([
      ['Jane Doe', 'CEO', [1]],
      ['Bob Ray', 'CFO', [3]],
    ]);
  });
});

describe('"Speaker: text" headings that are not speakers', () => {
  it('keeps "Key Takeaways:" and "Next Steps:" as the current speaker\'s text', () => {
    const text = 'Ann Lee: We agreed on the launch date.\nKey Takeaways: ship on May 2.\nNext Steps: QA sign-off.\nBo Chen: Sounds good.\n';
    expect(turns(text)).toEqual([
      ['Ann Lee', [[1, 'We agreed on the launch date.', undefined], [2, 'Key Takeaways: ship on May 2.', undefined], [3, 'Next Steps: QA sign-off.', undefined]]],
      ['Bo Chen', [[4, 'Sounds good.', undefined]]],
    ]);
  });
});
