import { cueTime } from '../answers/citation-format.ts';
import { h } from '../dom.ts';
import { passageUrl } from './passage-url.ts';
import type { TranscriptLine } from '../types.ts';

/** The rendered transcript of one call: turns (consecutive lines of one speaker) of numbered lines. */
export interface TranscriptView {
  el: HTMLElement;
  rows: Map<number, HTMLElement>;
}

export function renderTranscript(callId: string, lines: TranscriptLine[]): TranscriptView {
  const el = h('div', { class: 'transcript' });
  const rows = new Map<number, HTMLElement>();
  let list: HTMLOListElement | undefined;
  let speaker: string | undefined;
  for (const line of lines) {
    const startsTurn = !list || line.speaker !== speaker;
    // Earnings transcripts open a turn with a "Name - Title" line: that line is the turn's
    // heading; other formats get one made from the speaker's name.
    const isHeader = startsTurn && isHeaderLine(line);
    if (startsTurn) {
      speaker = line.speaker;
      list = h('ol', { class: 'lines' });
      el.append(h('section', { class: 'turn' }, isHeader ? null : h('h3', { class: 'turn-speaker' }, speaker ?? 'Unattributed'), list));
    }
    const row = h(
      'li',
      { class: `${isHeader ? 'line line-header' : 'line'}${line.startTime !== undefined ? ' has-time' : ''}`, 'data-line': line.n },
      h('a', { class: 'line-no', href: passageUrl({ callId, startLine: line.n }), 'aria-label': `Line ${line.n}` }, String(line.n)),
      line.startTime !== undefined ? h('span', { class: 'cue-time line-time muted' }, cueTime(line.startTime)) : null,
      h('span', { class: 'line-text' }, line.text),
    );
    rows.set(line.n, row);
    list!.append(row);
  }
  return { el, rows };
}

const isHeaderLine = (line: TranscriptLine) => Boolean(line.speaker) && line.text.length < 200 && line.text.startsWith(line.speaker!);

/** Marks lines start..end as cited (and the quote inside them, when it sits in one line); returns the marked rows. */
export function highlight(view: TranscriptView, start: number, end: number, quote?: string): HTMLElement[] {
  for (const row of Array.from(view.el.querySelectorAll<HTMLElement>('.line.is-cited'))) {
    row.classList.remove('is-cited');
    row.removeAttribute('aria-current');
    // Back to plain text: drops the <mark> of the previous quote.
    const text = row.querySelector('.line-text');
    if (text) text.textContent = text.textContent ?? '';
  }
  const marked: HTMLElement[] = [];
  for (const [n, row] of view.rows) {
    if (n < start || n > end) continue;
    row.classList.add('is-cited');
    row.setAttribute('aria-current', 'true');
    if (quote) markQuote(row.querySelector('.line-text'), quote);
    marked.push(row);
  }
  return marked;
}

function markQuote(el: Element | null, quote: string): void {
  const text = el?.textContent ?? '';
  const at = text.indexOf(quote);
  if (!el || at === -1 || quote.length === text.length) return;
  el.replaceChildren(text.slice(0, at), h('mark', {}, quote), text.slice(at + quote.length));
}
