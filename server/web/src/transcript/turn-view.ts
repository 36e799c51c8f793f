import { splitAnswer } from '../answers/answer-text.ts';
import { citationChip, citationList, type OnCite } from '../answers/citation-view.ts';
import { answerAsText } from '../answers/copy-answer.ts';
import { h } from '../dom.ts';
import { degradedNotice } from '../answers/notices.ts';
import type { AskResult, Citation } from '../types.ts';

export interface TurnHandlers {
  onCite: OnCite;
  /** Ask this question again (after an error or a stop). */
  onRetry(): void;
  onOpenSettings(): void;
}

export interface FailOptions {
  /** The reader pressed Stop: what streamed so far stays, marked as stopped. */
  stopped?: boolean;
  needsKey?: boolean;
}

export interface AssistantTurn {
  el: HTMLElement;
  appendToken(text: string): void;
  finish(result: AskResult): void;
  fail(message: string, opts?: FailOptions): void;
}

export function userTurn(question: string): HTMLElement {
  return h('article', { class: 'turn-user', 'aria-label': 'Your question' }, h('p', {}, question));
}

/** One answer as it streams in (a plain-text preview), then as verified (chips, sources, mode). */
export function assistantTurn(question: string, handlers: TurnHandlers): AssistantTurn {
  const meta = h('div', { class: 'answer-meta' });
  const answer = h('div', { class: 'answer-text', 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'muted loading' }, 'Searching the transcripts…'));
  const extra = h('div', { class: 'answer-extra' });
  const el = h('article', { class: 'turn-assistant', 'data-state': 'streaming', 'aria-label': 'Answer' }, meta, answer, extra);
  let preview = '';

  return {
    el,
    appendToken(text) {
      preview += text;
      answer.replaceChildren(h('p', { class: 'streaming' }, preview));
    },
    finish(result) {
      el.dataset.state = 'done';
      el.dataset.answered = String(result.answered);
      meta.replaceChildren(...metaLine(result, question));
      answer.replaceChildren(...(result.degraded ? [h('p', { class: 'notice', role: 'note' }, degradedNotice(result.degradedReason))] : []), ...answerParagraphs(result, handlers.onCite));
      answer.setAttribute('aria-busy', 'false');
      extra.replaceChildren(...sources(result, handlers.onCite), h('div', { class: 'turn-actions' }, copyButton(result)));
    },
    fail(message, opts = {}) {
      el.dataset.state = opts.stopped ? 'stopped' : 'error';
      answer.setAttribute('aria-busy', 'false');
      answer.replaceChildren(
        ...(preview && opts.stopped ? [h('p', {}, preview)] : []),
        h('p', { class: opts.stopped ? 'muted' : 'error', role: opts.stopped ? undefined : 'alert' }, message),
      );
      extra.replaceChildren(
        h(
          'div',
          { class: 'turn-actions' },
          h('button', { type: 'button', class: 'button-quiet retry', onclick: handlers.onRetry }, opts.stopped ? 'Ask again' : 'Retry'),
          opts.needsKey ? h('button', { type: 'button', class: 'button-quiet', onclick: handlers.onOpenSettings }, 'Enter the access key') : null,
        ),
      );
    },
  };
}

function copyButton(result: AskResult): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'button-quiet copy-answer' }, 'Copy answer');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(answerAsText(result, location.origin));
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Copy failed';
    }
    setTimeout(() => (button.textContent = 'Copy answer'), 2000);
  });
  return button;
}

function metaLine(result: AskResult, question: string): Node[] {
  const mode = result.mode === 'llm' ? 'LLM' : 'Quotes';
  const badge = h('span', { class: `badge mode-${result.mode}${result.degraded ? ' degraded' : ''}` }, result.degraded ? 'Quotes (LLM unavailable)' : mode);
  badge.title = result.mode === 'llm' ? 'Written by the language model; every claim checked against the cited lines' : 'Sentences quoted from the transcripts';
  const labels = result.understood?.labels ?? [];
  return [
    badge,
    labels.length > 0 ? h('span', { class: 'understood' }, 'Understood as: ', h('strong', {}, labels.join(' · '))) : null,
    // A follow-up is searched as a standalone question; showing it explains the sources.
    result.query && result.query !== question ? h('span', { class: 'searched muted' }, `Searched: “${result.query}”`) : null,
  ].filter((n): n is HTMLElement => n !== null);
}

function answerParagraphs(result: AskResult, onCite: OnCite): Node[] {
  const byN = new Map<number, Citation>(result.citations.map((c) => [c.n, c]));
  return result.answer
    .split(/\n+/)
    .filter((p) => p.trim() !== '')
    .map((paragraph) =>
      h(
        'p',
        {},
        ...splitAnswer(paragraph).map((part) => {
          if ('text' in part) return part.text;
          const chips = part.cites.map((n) => byN.get(n)).filter((c): c is Citation => c !== undefined);
          if (chips.length === 0) return part.raw;
          return h('span', { class: 'cites' }, ...chips.map((c) => citationChip(c, onCite)));
        }),
      ),
    );
}

function sources(result: AskResult, onCite: OnCite): Node[] {
  const out: Node[] = [];
  if (result.citations.length > 0) {
    out.push(h('h3', { class: 'list-title' }, 'Sources'), citationList(result.citations, onCite, 'Sources'));
  }
  if (result.seeAlso.length > 0) {
    const list = citationList(result.seeAlso, onCite, 'See also');
    out.push(
      result.answered
        ? h('details', { class: 'see-also' }, h('summary', {}, `See also (${result.seeAlso.length})`), list)
        : h('div', { class: 'see-also' }, h('h3', { class: 'list-title' }, 'See also'), list),
    );
  }
  return out;
}
