import { byId } from './dom.ts';
import { getApiKey, setApiKey } from './settings-store.ts';

/** The API-key dialog; `onSaved` runs after the key changed (to reload what a 401 blocked). */
export function createSettings(onSaved: () => void): { open(): void } {
  const dialog = byId<HTMLDialogElement>('settings');
  const form = byId<HTMLFormElement>('settings-form');
  const input = byId<HTMLInputElement>('api-key');

  form.addEventListener('submit', () => {
    setApiKey(input.value.trim() || undefined);
    onSaved();
  });
  byId('clear-key').addEventListener('click', () => {
    setApiKey(undefined);
    input.value = '';
    dialog.close();
    onSaved();
  });
  byId('cancel-key').addEventListener('click', () => dialog.close());

  return {
    open() {
      input.value = getApiKey() ?? '';
      dialog.showModal();
      input.focus();
    },
  };
}
