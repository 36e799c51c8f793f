import { ApiError } from '../api.ts';
import { byId, h } from '../dom.ts';
import { passageUrl, type Passage } from './passage-url.ts';
import { loadTranscript } from './transcript-store.ts';
import { highlight, renderTranscript, type TranscriptView } from './transcript-view.ts';

export interface OpenOptions {
  /** The cited quote, marked inside its line when it fits in one. */
  quote?: string;
  /** Where focus goes back when the panel closes (the chip that opened it). */
  returnFocus?: HTMLElement | null;
}

export interface SourcePanel {
  open(passage: Passage, opts?: OpenOptions): Promise<void>;
  close(): void;
  readonly isOpen: boolean;
}

/** The transcript side panel (a full-screen overlay on narrow screens). */
export function createSourcePanel(titleOf: (callId: string) => string | undefined, onCloseRequest: () => void): SourcePanel {
  const panel = byId('source-panel');
  const title = byId('source-title');
  const meta = byId('source-meta');
  const body = byId('source-body');
  const copy = byId<HTMLButtonElement>('copy-link');
  let view: { callId: string; transcript: TranscriptView } | undefined;
  let returnFocus: HTMLElement | null | undefined;
  let current: Passage | undefined;
  let opening = 0;

  // On narrow screens the panel covers the page: what lies under it leaves the tab order.
  const overlay = matchMedia('(max-width: 899px)');
  const underneath = [byId('chat'), document.querySelector<HTMLElement>('.app-header')].filter((el): el is HTMLElement => el !== null);
  const syncInert = () => underneath.forEach((el) => (el.inert = !panel.hidden && overlay.matches));
  overlay.addEventListener('change', syncInert);

  byId('close-source').addEventListener('click', onCloseRequest);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') onCloseRequest();
  });
  copy.addEventListener('click', async () => {
    if (!current) return;
    const url = new URL(passageUrl(current), location.origin).href;
    try {
      await navigator.clipboard.writeText(url);
      copy.textContent = 'Link copied';
    } catch {
      copy.textContent = 'Copy failed';
    }
    setTimeout(() => (copy.textContent = 'Copy link'), 2000);
  });

  async function open(passage: Passage, opts: OpenOptions = {}): Promise<void> {
    const ticket = ++opening;
    // Focus moves into the panel when it appears or a citation sent the reader here, not when a
    // line number inside it was followed.
    const takeFocus = panel.hidden || opts.returnFocus !== undefined;
    current = passage;
    if (opts.returnFocus !== undefined) returnFocus = opts.returnFocus;
    panel.hidden = false;
    document.body.classList.add('source-open');
    syncInert();
    title.textContent = titleOf(passage.callId) ?? passage.callId;
    meta.textContent = describe(passage);
    if (view?.callId !== passage.callId) {
      view = undefined;
      panel.setAttribute('aria-busy', 'true');
      body.replaceChildren(h('p', { class: 'muted panel-note' }, 'Loading the transcript…'));
      try {
        const lines = await loadTranscript(passage.callId);
        if (ticket !== opening) return;
        view = { callId: passage.callId, transcript: renderTranscript(passage.callId, lines) };
        body.replaceChildren(view.transcript.el);
        // The transcript names its call, should the call list not have loaded.
        title.textContent = titleOf(passage.callId) ?? passage.callId;
      } catch (error) {
        if (ticket !== opening) return;
        body.replaceChildren(h('p', { class: 'error panel-note', role: 'alert' }, transcriptError(error)));
        return;
      } finally {
        if (ticket === opening) panel.removeAttribute('aria-busy');
      }
    }
    if (takeFocus) title.focus({ preventScroll: true });
    if (passage.startLine === undefined) {
      body.scrollTop = 0;
      highlight(view.transcript, 0, -1);
      return;
    }
    const marked = highlight(view.transcript, passage.startLine, passage.endLine ?? passage.startLine, opts.quote);
    if (marked.length === 0) meta.textContent = `${describe(passage)} · these lines are not in the transcript`;
    marked[0]?.scrollIntoView({ block: marked.length > 6 ? 'start' : 'center' });
  }

  function close(): void {
    opening++;
    current = undefined;
    if (panel.hidden) return;
    panel.hidden = true;
    document.body.classList.remove('source-open');
    syncInert();
    const target = returnFocus?.isConnected ? returnFocus : byId('question');
    returnFocus = undefined;
    target.focus();
  }

  return {
    open,
    close,
    get isOpen() {
      return !panel.hidden;
    },
  };
}

function describe({ startLine, endLine }: Passage): string {
  if (startLine === undefined) return 'Whole transcript';
  return endLine === undefined || endLine === startLine ? `Line ${startLine}` : `Lines ${startLine}–${endLine}`;
}

function transcriptError(error: unknown): string {
  if (error instanceof ApiError && error.status === 404) return 'This call is not in the index (it may have been removed since the link was made).';
  if (error instanceof ApiError && error.needsKey) return error.message;
  return error instanceof Error ? error.message : String(error);
}
