import { ApiError } from '../api.ts';
import { askStream } from '../answers/ask-client.ts';
import type { OnCite } from '../answers/citation-view.ts';
import { historyToSend } from './conversation.ts';
import { loadConversation, saveConversation, type StoredTurn } from './conversation-store.ts';
import { byId } from '../dom.ts';
import { assistantTurn, userTurn, type AssistantTurn } from '../transcript/turn-view.ts';
import type { ChatMessage, SearchFilters } from '../types.ts';

export interface ChatDeps {
  filters(): SearchFilters | undefined;
  onCite: OnCite;
  openSettings(): void;
}

export interface Chat {
  ask(question: string): Promise<void>;
  reset(): void;
}

/** The conversation: the form, the turns (kept across reloads), and the history sent with follow-ups. */
export function createChat(deps: ChatDeps): Chat {
  const form = byId<HTMLFormElement>('ask-form');
  const input = byId<HTMLTextAreaElement>('question');
  const send = byId<HTMLButtonElement>('send');
  const stop = byId<HTMLButtonElement>('stop');
  const list = byId('conversation');
  const empty = byId('empty-state');
  const status = byId('status');
  let turns: StoredTurn[] = loadConversation();
  let running: AbortController | undefined;
  // Scrolling by hand while an answer streams means "let me read": the view stops following.
  let followAnswer = true;
  for (const type of ['wheel', 'touchmove'] as const) list.addEventListener(type, () => (followAnswer = false), { passive: true });

  input.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter is a new line; not while an IME is composing a word.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // One answer at a time; the question typed meanwhile stays in the box for when it is done.
    const question = input.value.trim();
    if (!question || running) return;
    input.value = '';
    void ask(question);
  });
  // Stop ends the answer in flight and nothing else: the box and the conversation are untouched.
  stop.addEventListener('click', () => running?.abort());

  const history = (): ChatMessage[] =>
    turns.flatMap((t) => (t.result ? [{ role: 'user' as const, content: t.question }, { role: 'assistant' as const, content: t.result.answer }] : []));

  const stored = new WeakMap<AssistantTurn, StoredTurn>();

  function render(question: string): { asked: HTMLElement; turn: AssistantTurn } {
    const asked = userTurn(question);
    const turn = assistantTurn(question, {
      onCite: deps.onCite,
      onOpenSettings: deps.openSettings,
      onRetry: () => {
        if (running) return;
        remove();
        turns = turns.filter((t) => t !== stored.get(turn));
        saveConversation(turns);
        void ask(question);
      },
    });
    const remove = () => {
      asked.remove();
      turn.el.remove();
    };
    empty.hidden = true;
    list.append(asked, turn.el);
    return { asked, turn };
  }

  async function ask(question: string): Promise<void> {
    if (running) return;
    const controller = new AbortController();
    running = controller;
    const { asked, turn } = render(question);
    // The view follows the new question: it moves to the top as its answer grows below it (until
    // the answer fills the view, the conversation simply ends at the bottom of the box).
    followAnswer = true;
    const follow = () => {
      if (followAnswer) asked.scrollIntoView({ block: 'start' });
    };
    follow();
    setBusy(true);
    status.textContent = 'Answering…';
    const sent = history();
    try {
      const result = await askStream(
        { question, stream: true, filters: deps.filters(), messages: sent.length > 0 ? historyToSend(sent) : undefined },
        {
          onToken: (text) => {
            turn.appendToken(text);
            follow();
          },
        },
        controller.signal,
      );
      turn.finish(result);
      follow();
      keep(turn, { question, result });
      status.textContent = result.answered ? 'Answer ready.' : 'The transcripts do not cover this question.';
    } catch (error) {
      const stopped = controller.signal.aborted;
      const message = stopped ? 'Stopped.' : error instanceof Error ? error.message : String(error);
      turn.fail(message, { stopped, needsKey: error instanceof ApiError && error.needsKey });
      follow();
      keep(turn, { question, error: message, ...(stopped ? { stopped } : {}) });
      status.textContent = stopped ? 'Stopped.' : 'The question could not be answered.';
    } finally {
      running = undefined;
      setBusy(false);
    }
  }

  function keep(turn: AssistantTurn, entry: StoredTurn): void {
    // A turn already removed (New conversation while it ran) is not brought back.
    if (!turn.el.isConnected) return;
    stored.set(turn, entry);
    turns = [...turns, entry];
    saveConversation(turns);
  }

  function setBusy(busy: boolean): void {
    send.disabled = busy;
    stop.hidden = !busy;
    if (!busy && document.activeElement === stop) input.focus();
  }

  // The conversation of the last visit, as it was left.
  for (const entry of turns) {
    const { turn } = render(entry.question);
    stored.set(turn, entry);
    if (entry.result) turn.finish(entry.result);
    else turn.fail(entry.error ?? 'Stopped.', { stopped: entry.stopped === true });
  }
  if (turns.length > 0) list.lastElementChild?.scrollIntoView({ block: 'end' });

  return {
    ask,
    reset() {
      running?.abort();
      turns = [];
      saveConversation(turns);
      list.replaceChildren(empty);
      empty.hidden = false;
      status.textContent = 'New conversation.';
      input.focus();
    },
  };
}
