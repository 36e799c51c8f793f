// How an operator hands the line to a questioner: "The first question will be from the line of
// George Iwanyc with Oppenheimer.", "The next question comes from Jackson Ader of SVB.",
// "Our next question is John Smith from Goldman Sachs. Please go ahead."

const NAME = String.raw`\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|van|von|da|di|del|la|le)){0,4}?`;
const INTRO = new RegExp(
  String.raw`(?:\bline of|\bfrom|\bis|\bbe|\bto|\bwith|\bhave)\s+(?<name>${NAME})\s+(?:with|of|from|at)\s+(?:the\s+)?(?<firm>[\p{Lu}\d][^]*)`,
  'u',
);
// Where the firm's name stops: a sentence end (but not after an initial, as in "D.A. Davidson"),
// a comma or bracket, or the operator's "please go ahead".
const FIRM_END = /(?<!(?:^|[\s.])\p{Lu})\.(?=\s|$)|[,;:()]|\s+(?:[Pp]lease|[Yy]our line|[Gg]o ahead|[Yy]ou may|is now open)\b/u;

// Case-sensitive on purpose: \p{Lu} (a name's capital) would match any letter under /i.
const INTRO_CUE =
  /\bfrom the line of\b|\b[Qq]uestions?\s+(?:today\s+)?(?:is|comes|will come|will be|we have|is coming)?\s*from\b|\b(?:[Ff]irst|[Nn]ext|[Ff]ollowing|[Ll]ast|[Ff]inal)\s+question\b[^.?!]{0,30}\b(?:is|comes|from|with)\s+\p{Lu}|\b(?:[Nn]ext|[Ff]irst),? we(?: have|'ll go to| will go to| go to)\s+\p{Lu}/u;

/** True when the text hands the line to a questioner. */
export function isQuestionIntro(text: string): boolean {
  return INTRO_CUE.test(text);
}

/** The questioner's name and firm as introduced, when the sentence says so. */
export function introducedAnalyst(text: string): { name: string; firm?: string } | undefined {
  const cue = INTRO_CUE.exec(text);
  if (!cue) return undefined;
  const m = INTRO.exec(text.slice(Math.max(0, cue.index - 5)));
  if (!m?.groups) return undefined;
  const rest = m.groups.firm;
  const end = FIRM_END.exec(rest);
  const firm = (end ? rest.slice(0, end.index) : rest).trim().replace(/['’]s$/, '');
  return { name: m.groups.name.trim(), firm: firm || undefined };
}

const OPENS_QA = /\b(?:begin|start|open|take|move to|conduct|now have|turn to)\b[^.?!]{0,40}\b(?:questions?|Q\s?&\s?A)\b/i;
const CLOSES_QA = /\bconclud\w*\b[^.?!]{0,40}\b(?:question|Q\s?&\s?A)|\bno (?:further|more) questions\b|\bend of (?:the |our |today's )?(?:question|Q\s?&\s?A)/i;

/** An operator turn that starts the Q&A (a first question intro, or an announcement of it). */
export function opensQa(text: string): boolean {
  return isQuestionIntro(text) || (OPENS_QA.test(text) && !/\bwill be a question\b|\bafter the (?:speakers'?|prepared)/i.test(text));
}

/** An operator turn that ends the Q&A ("That concludes our question-and-answer session"). */
export function closesQa(text: string): boolean {
  return CLOSES_QA.test(text);
}
