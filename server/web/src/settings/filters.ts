import { byId, h } from '../dom.ts';
import { speakersOf } from '../transcript/transcript-store.ts';
import type { CallSummary, SearchFilters } from '../types.ts';

export interface Filters {
  /** The filters to send, or undefined when nothing is constrained. */
  current(): SearchFilters | undefined;
  setCalls(calls: CallSummary[]): void;
  /** Management/Analysts make sense for earnings calls only. */
  showRoles(show: boolean): void;
  showCallsError(message: string, action?: { label: string; run: () => void }): void;
}

// Speakers are read from the transcripts themselves; more calls than this and the list would
// cost more requests than it is worth (the text box still takes any name).
const SPEAKER_SOURCE_LIMIT = 20;

export function createFilters(): Filters {
  const details = byId<HTMLDetailsElement>('filters');
  const options = byId('call-options');
  const summary = byId('filter-summary');
  const speaker = byId<HTMLInputElement>('speaker-filter');
  const names = byId<HTMLDataListElement>('speaker-names');
  let calls: CallSummary[] = [];
  let speakersFor = '';

  const checkedCalls = () => Array.from(options.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')).map((i) => i.value);
  const roles = byId<HTMLFieldSetElement>('filter-roles');
  const role = () => (roles.hidden ? '' : (document.querySelector<HTMLInputElement>('input[name=role]:checked')?.value ?? ''));

  function current(): SearchFilters | undefined {
    const filters: SearchFilters = {};
    const callIds = checkedCalls();
    if (callIds.length > 0) filters.callIds = callIds;
    if (role() === 'management' || role() === 'analyst') filters.roles = [role() as 'management' | 'analyst'];
    if (speaker.value.trim()) filters.speakers = [speaker.value.trim()];
    return Object.keys(filters).length > 0 ? filters : undefined;
  }

  function describe(): void {
    const callIds = checkedCalls();
    const parts = [
      callIds.length === 0 ? 'all calls' : callIds.length === 1 ? (calls.find((c) => c.id === callIds[0])?.title ?? '1 call') : `${callIds.length} calls`,
      role() === 'management' ? 'management' : role() === 'analyst' ? 'analysts' : speaker.value.trim() ? '' : 'all speakers',
      speaker.value.trim(),
    ];
    summary.textContent = parts.filter(Boolean).join(' · ');
  }

  async function loadSpeakers(): Promise<void> {
    const ids = (checkedCalls().length > 0 ? checkedCalls() : calls.map((c) => c.id)).slice(0, SPEAKER_SOURCE_LIMIT);
    const key = ids.join(',');
    if (key === speakersFor || ids.length === 0) return;
    speakersFor = key;
    const speakers = await speakersOf(ids);
    names.replaceChildren(...speakers.map((name) => h('option', { value: name })));
  }

  details.addEventListener('toggle', () => {
    if (details.open) void loadSpeakers();
  });
  details.addEventListener('change', () => {
    describe();
    if (details.open) void loadSpeakers();
  });
  speaker.addEventListener('input', describe);
  byId('clear-filters').addEventListener('click', () => {
    for (const box of Array.from(options.querySelectorAll<HTMLInputElement>('input[type=checkbox]'))) box.checked = false;
    document.querySelector<HTMLInputElement>('input[name=role][value=""]')!.checked = true;
    speaker.value = '';
    describe();
  });

  return {
    current,
    setCalls(list) {
      calls = list;
      speakersFor = '';
      options.replaceChildren(
        ...(list.length === 0
          ? [h('p', { class: 'muted' }, 'No calls are indexed yet.')]
          : list.map((call) =>
              h('label', { class: 'call-option' }, h('input', { type: 'checkbox', name: 'call', value: call.id }), ' ', call.title),
            )),
      );
      describe();
    },
    showRoles(show) {
      roles.hidden = !show;
      describe();
    },
    showCallsError(message, action) {
      options.replaceChildren(h('p', { class: 'error' }, message));
      if (action) options.append(h('button', { type: 'button', class: 'button-quiet', onclick: action.run }, action.label));
    },
  };
}
