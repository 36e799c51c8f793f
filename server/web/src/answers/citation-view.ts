import { cueRange, linesLabel } from './citation-format.ts';
import { h } from '../dom.ts';
import type { Citation } from '../types.ts';

export type OnCite = (citation: Citation, from: HTMLElement) => void;

/** Where a passage is: its lines, and its cue times in a caption (VTT/SRT) transcript. */
const lines = (c: Citation) => [linesLabel(c), cueRange(c)].filter(Boolean).join(' · ');

/** The data attributes every citation control carries: what it opens, readable by tests and scripts. */
const data = (c: Citation) => ({
  'data-n': c.n,
  'data-call-id': c.callId,
  'data-start-line': c.startLine,
  'data-end-line': c.endLine,
});

/** An inline [n] chip in the answer text. */
export function citationChip(c: Citation, onCite: OnCite): HTMLButtonElement {
  const chip = h(
    'button',
    { type: 'button', class: 'cite', ...data(c), 'aria-label': `Source ${c.n}: ${c.speaker}, ${c.callTitle}, ${lines(c)}`, title: `${c.speaker} · ${c.callTitle} · ${lines(c)}` },
    `${c.n}`,
  );
  chip.addEventListener('click', () => onCite(c, chip));
  return chip;
}

/** A list of passages (the sources of an answer, or "see also"), each opening its lines. */
export function citationList(citations: Citation[], onCite: OnCite, label: string): HTMLOListElement {
  return h(
    'ol',
    { class: 'citation-list', 'aria-label': label },
    ...citations.map((c) => {
      const button = h(
        'button',
        { type: 'button', class: 'citation', ...data(c) },
        h('span', { class: 'citation-n' }, `${c.n}`),
        h(
          'span',
          { class: 'citation-body' },
          h('span', { class: 'citation-who' }, c.speaker, c.title ? h('span', { class: 'muted' }, ` · ${c.title}`) : null),
          h(
            'span',
            { class: 'citation-where muted' },
            `${c.callTitle} · ${linesLabel(c)}`,
            cueRange(c) ? h('span', { class: 'cue-time' }, ` · ${cueRange(c)}`) : null,
          ),
          h('q', { class: 'citation-quote' }, c.quote),
        ),
      );
      button.addEventListener('click', () => onCite(c, button));
      return h('li', {}, button);
    }),
  );
}
