// Roles, sections, firms and question links, derived from the structure of the call rather
// than from a list of names: the operator introduces each questioner, the first new voice
// after an introduction is the analyst, and whoever answers inside that block is management.
import type { RawTurn, Role, Section } from '../../types.ts';
import { sameSpeaker } from '../lines.ts';
import { closesQa, introducedAnalyst, isQuestionIntro, opensQa } from './operator-intro.ts';

export interface TurnRoles {
  role: Role;
  section: Section;
  firm?: string;
  /** Index of the analyst turn this management answer responds to. */
  answersIndex?: number;
}

const OPERATOR_NAME = /^(?:(?:conference|call|event)\s+)?(?:operator|moderator|coordinator)$/i;
const ANALYST_LABEL = /\banalyst\b|\bresearch\b/i;

const textOf = (t: RawTurn) => t.paragraphs.map((p) => p.text).join(' ');

/** The speaker named Operator, or failing that whoever introduces the questioners. */
function operatorNames(turns: RawTurn[]): string[] {
  const named = turns.filter((t) => OPERATOR_NAME.test(t.speaker.trim())).map((t) => t.speaker);
  if (named.length > 0) return named;
  return turns.filter((t) => isQuestionIntro(textOf(t))).map((t) => t.speaker);
}

export function assignRoles(turns: RawTurn[]): TurnRoles[] {
  const operators = operatorNames(turns);
  const isOperator = (t: RawTurn) => operators.some((name) => sameSpeaker(name, t.speaker));
  if (operators.length === 0) return turns.map(() => ({ role: 'other', section: 'prepared' }));

  const qaStart = turns.findIndex((t) => isOperator(t) && opensQa(textOf(t)));
  const afterStart = qaStart < 0 ? -1 : turns.findIndex((t, i) => i > qaStart && isOperator(t) && closesQa(textOf(t)));
  const qaEnd = qaStart < 0 ? -1 : afterStart < 0 ? turns.length - 1 : afterStart;

  const management = new Set<string>();
  const analysts = new Map<string, string | undefined>();
  const key = (t: RawTurn) => t.speaker.replace(/\s+/g, ' ').trim().toLowerCase();
  let pendingFirm: { firm?: string } | undefined; // an introduction not yet answered by its questioner
  let lastAnalyst: number | undefined;

  return turns.map((turn, i): TurnRoles => {
    const inQa = qaStart >= 0 && i >= qaStart && i <= qaEnd;
    const section: Section = inQa ? 'qa' : 'prepared';
    if (isOperator(turn)) {
      if (inQa && isQuestionIntro(textOf(turn))) {
        pendingFirm = { firm: introducedAnalyst(textOf(turn))?.firm };
        lastAnalyst = undefined;
      }
      return { role: 'operator', section };
    }
    const k = key(turn);
    if (!inQa) {
      if (analysts.has(k)) return { role: 'analyst', section, firm: analysts.get(k) };
      management.add(k);
      return { role: 'management', section };
    }
    const introduced = pendingFirm && !management.has(k);
    if (introduced || analysts.has(k) || (!management.has(k) && ANALYST_LABEL.test(`${turn.speaker} ${turn.title ?? ''}`))) {
      const firm = introduced ? pendingFirm?.firm : analysts.get(k);
      if (introduced) pendingFirm = undefined;
      analysts.set(k, firm ?? analysts.get(k));
      lastAnalyst = i;
      return { role: 'analyst', section, ...(firm && { firm }) };
    }
    management.add(k);
    return { role: 'management', section, ...(lastAnalyst !== undefined && { answersIndex: lastAnalyst }) };
  });
}
