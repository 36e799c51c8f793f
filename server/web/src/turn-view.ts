import { ApiError } from './api.ts';
import { splitAnswer } from './answer-text.ts';
import { citationChip, citationList, type OnCite } from './citation-view.ts';
import { h } from './dom.ts';
import type { AskResult, Citation } from './types.ts';

export interface AssistantTurn {
  el: HTMLElement;
  appendToken(text: string): void;
  finish(result: AskResult): void;
  fail(error: unknown, onOpenSettings: () => void): void;
}

export function userTurn(question: string): HTMLElement {
  return h('article', { class: 'turn-user', 'aria-label': 'Your question' }, h('p', {}, question));
}

/** One answer as it streams in (a plain-text preview), then as verified (chips, sources, mode). */
export function assistantTurn(question: string, onCite: OnCite): AssistantTurn {
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
      answer.replaceChildren(...answerParagraphs(result, onCite));
      answer.setAttribute('aria-busy', 'false');
      extra.replaceChildren(...sources(result, onCite));
    },
    fail(error, onOpenSettings) {
      el.dataset.state = 'error';
      answer.setAttribute('aria-busy', 'false');
      const aborted = error instanceof DOMException && error.name === 'AbortError';
      const message = aborted ? 'Stopped.' : error instanceof Error ? error.message : String(error);
      answer.replaceChildren(
        ...(preview && aborted ? [h('p', {}, preview)] : []),
        h('p', { class: aborted ? 'muted' : 'error', role: aborted ? undefined : 'alert' }, message),
      );
      if (error instanceof ApiError && error.needsKey) {
        extra.replaceChildren(h('button', { type: 'button', class: 'button-quiet', onclick: onOpenSettings }, 'Set the API key'));
      }
    },
  };
}

function metaLine(result: AskResult, question: string): Node[] {
  const mode = result.mode === 'llm' ? 'LLM' : 'Extractive';
  const badge = h('span', { class: `badge mode-${result.mode}${result.degraded ? ' degraded' : ''}` }, result.degraded ? `${mode} (LLM unavailable)` : mode);
  if (result.degradedReason) badge.title = result.degradedReason;
  const labels = result.understood?.labels ?? [];
  return [
    badge,
    labels.length > 0 ? h('span', { class: 'understood' }, 'Understood as: ', h('strong', {}, labels.join(' · '))) : null,
    result.degraded && result.degradedReason ? h('span', { class: 'degraded-reason muted' }, result.degradedReason) : null,
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
