import './styles.css';
import { ApiError, getJson } from './api.ts';
import { createChat } from './conversation/chat.ts';
import type { OnCite } from './answers/citation-view.ts';
import { byId, h } from './dom.ts';
import { libraryProfile } from './settings/examples.ts';
import { createFilters } from './settings/filters.ts';
import { parsePassageUrl, passageUrl, type Passage } from './transcript/passage-url.ts';
import { createSettings } from './settings/settings.ts';
import { createSourcePanel } from './transcript/source-panel.ts';
import { clearTranscripts, hasLinkSignature, setLinkSignature, transcriptTitle } from './transcript/transcript-store.ts';
import type { CallSummary } from './types.ts';

const titles = new Map<string, string>();
const filters = createFilters();
const settings = createSettings(() => {
  clearTranscripts();
  void loadCalls();
});
const panel = createSourcePanel((id) => titles.get(id) ?? transcriptTitle(id), () => navigate(undefined));

/** Shows a passage (or none) and records it in the address bar: cited passages are shareable links. */
function navigate(passage: Passage | undefined, opts: { quote?: string; from?: HTMLElement } = {}): void {
  const url = passage ? passageUrl(passage) : '/';
  if (url !== location.pathname + location.hash) history.pushState(null, '', url);
  if (passage) void panel.open(passage, { quote: opts.quote, returnFocus: opts.from });
  else panel.close();
}

const onCite: OnCite = (c, from) => {
  // The citation knows its call's title even when the call list could not be loaded.
  if (!titles.has(c.callId)) titles.set(c.callId, c.callTitle);
  navigate({ callId: c.callId, startLine: c.startLine, endLine: c.endLine }, { quote: c.quote, from });
};
const chat = createChat({ filters: () => filters.current(), onCite, openSettings: () => settings.open() });

function showLocation(): void {
  const passage = parsePassageUrl(location.pathname, location.hash);
  if (passage) void panel.open(passage);
  else panel.close();
}

async function loadCalls(): Promise<void> {
  try {
    const { calls } = await getJson<{ calls: CallSummary[] }>('/v1/calls');
    for (const call of calls) titles.set(call.id, call.title);
    filters.setCalls(calls);
    showLibrary(calls);
    if (panel.isOpen) showLocation();
  } catch (error) {
    const needsKey = error instanceof ApiError && error.needsKey;
    const message = error instanceof Error ? error.message : String(error);
    filters.showCallsError(message, needsKey ? { label: 'Enter the access key', run: () => settings.open() } : undefined);
    // A shared link opened without a key: ask for it at once, then show the passage (a signed
    // source link from Slack opens its passage without one).
    const linked = parsePassageUrl(location.pathname, location.hash);
    if (needsKey && linked && !hasLinkSignature(linked.callId)) settings.open(message);
  }
}

/** Example questions and filters that fit the calls this server holds. */
function showLibrary(calls: CallSummary[]): void {
  const profile = libraryProfile(calls);
  filters.showRoles(profile.earnings);
  byId('examples').replaceChildren(
    ...profile.examples.map((q) => h('li', {}, h('button', { type: 'button', class: 'example', onclick: () => void chat.ask(q) }, q))),
  );
}
byId('open-settings').addEventListener('click', () => settings.open());
byId('new-chat').addEventListener('click', () => chat.reset());
byId('home-link').addEventListener('click', (event) => {
  event.preventDefault();
  navigate(undefined);
});
// Line numbers in the transcript are links to themselves: follow them in place.
byId('source-body').addEventListener('click', (event) => {
  const link = (event.target as Element).closest<HTMLAnchorElement>('a.line-no');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  const target = new URL(link.href);
  const passage = parsePassageUrl(target.pathname, target.hash);
  if (passage) navigate(passage);
});
window.addEventListener('popstate', showLocation);

const signature = new URLSearchParams(location.search).get('s');
const linked = parsePassageUrl(location.pathname, location.hash);
if (signature && linked) setLinkSignature(linked.callId, signature);
void loadCalls();
showLocation();
if (!panel.isOpen) byId('question').focus();
