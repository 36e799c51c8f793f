import { askStream } from './ask-client.ts';
import type { OnCite } from './citation-view.ts';
import { historyToSend } from './conversation.ts';
import { byId } from './dom.ts';
import { assistantTurn, userTurn } from './turn-view.ts';
import type { ChatMessage, SearchFilters } from './types.ts';

export interface ChatDeps {
  filters(): SearchFilters | undefined;
  onCite: OnCite;
  openSettings(): void;
}

export interface Chat {
  ask(question: string): Promise<void>;
  reset(): void;
}

/** The conversation: the form, the turns, and the history sent with follow-ups. */
export function createChat(deps: ChatDeps): Chat {
  const form = byId<HTMLFormElement>('ask-form');
  const input = byId<HTMLTextAreaElement>('question');
  const send = byId<HTMLButtonElement>('send');
  const list = byId('conversation');
  const empty = byId('empty-state');
  const status = byId('status');
  let history: ChatMessage[] = [];
  let running: AbortController | undefined;

  input.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter is a new line; not while an IME is composing a word.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (running) {
      running.abort();
      return;
    }
    const question = input.value.trim();
    if (!question) return;
    input.value = '';
    void ask(question);
  });

  async function ask(question: string): Promise<void> {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    empty.hidden = true;
    const turn = assistantTurn(question, deps.onCite);
    list.append(userTurn(question), turn.el);
    turn.el.scrollIntoView({ block: 'end' });
    setBusy(true);
    status.textContent = 'Answering…';
    try {
      const result = await askStream(
        { question, stream: true, filters: deps.filters(), messages: history.length > 0 ? historyToSend(history) : undefined },
        { onToken: (text) => turn.appendToken(text) },
        controller.signal,
      );
      turn.finish(result);
      history = [...history, { role: 'user', content: question }, { role: 'assistant', content: result.answer }];
      status.textContent = result.answered ? 'Answer ready.' : 'The transcripts do not cover this question.';
    } catch (error) {
      turn.fail(error, deps.openSettings);
      status.textContent = controller.signal.aborted ? 'Stopped.' : 'The question could not be answered.';
    } finally {
      if (running === controller) {
        running = undefined;
        setBusy(false);
      }
    }
  }

  function setBusy(busy: boolean): void {
    send.textContent = busy ? 'Stop' : 'Ask';
    send.classList.toggle('is-stop', busy);
    send.setAttribute('aria-label', busy ? 'Stop answering' : 'Ask the question');
  }

  return {
    ask,
    reset() {
      running?.abort();
      history = [];
      list.replaceChildren(empty);
      empty.hidden = false;
      status.textContent = 'New conversation.';
      input.focus();
    },
  };
}
