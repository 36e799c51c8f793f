import { ApiError, getJson } from '../api.ts';
import { byId } from '../dom.ts';
import { getApiKey, setApiKey } from './settings-store.ts';

/** The access-key dialog; `onSaved` runs after the key changed (to reload what a 401 blocked). */
export function createSettings(onSaved: () => void): { open(reason?: string): void } {
  const dialog = byId<HTMLDialogElement>('settings');
  const form = byId<HTMLFormElement>('settings-form');
  const input = byId<HTMLInputElement>('api-key');
  const error = byId('settings-error');
  const save = byId<HTMLButtonElement>('save-key');

  const say = (text: string | undefined) => {
    error.textContent = text ?? '';
    error.hidden = !text;
  };

  // The key is tried before it is kept: a wrong one is said so here, not by a later failure.
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const previous = getApiKey();
    setApiKey(input.value.trim() || undefined);
    save.disabled = true;
    say(undefined);
    try {
      await getJson('/v1/calls');
      dialog.close();
      onSaved();
    } catch (caught) {
      setApiKey(previous);
      const refused = caught instanceof ApiError && caught.status === 401;
      say(
        refused
          ? input.value.trim()
            ? 'This key was not accepted. Check that it was copied whole, or ask whoever runs this server for a new one.'
            : 'This server needs a key: paste the one you were given.'
          : caught instanceof Error
            ? caught.message
            : String(caught),
      );
      input.select();
    } finally {
      save.disabled = false;
    }
  });
  byId('clear-key').addEventListener('click', () => {
    setApiKey(undefined);
    input.value = '';
    say(undefined);
    dialog.close();
    onSaved();
  });
  byId('cancel-key').addEventListener('click', () => dialog.close());

  return {
    open(reason) {
      input.value = getApiKey() ?? '';
      say(reason);
      if (!dialog.open) dialog.showModal();
      input.focus();
    },
  };
}
