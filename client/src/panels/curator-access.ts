import { ApiError, curatorSession } from '../api.js';
import { h } from '../dom.js';

// Every write from the page goes through here. When the server wants the curator token (401),
// or refuses the one given, a dialog asks for it and a name to keep with each correction, once
// for the browser session, and the write is sent again.

type Toast = (message: string, tone?: 'info' | 'error') => void;

let dialog: HTMLDialogElement | null = null;
let pending: (() => Promise<void>) | null = null;
let onDone: ((ran: boolean) => void) | null = null;

function accessDialog(): HTMLDialogElement {
  if (dialog) return dialog;
  const token = h('input', { id: 'curator-token', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'curator-why' });
  const name = h('input', { id: 'curator-name', type: 'text', autocomplete: 'name' });
  const form = h('form', { method: 'dialog', class: 'curator-access' },
    h('h2', {}, 'Curator token'),
    h('p', { id: 'curator-why', class: 'muted' }),
    h('label', { for: 'curator-token' }, 'Token'), token,
    h('label', { for: 'curator-name' }, 'Your name (kept with each correction)'), name,
    h('div', { class: 'dialog-buttons' },
      h('button', { type: 'submit', class: 'primary', value: 'ok' }, 'Use for this session'),
      h('button', { type: 'button', value: 'cancel', onclick: () => dialog!.close('cancel') }, 'Cancel')));
  dialog = h('dialog', { class: 'curator-dialog', 'aria-labelledby': 'curator-title' }, form) as HTMLDialogElement;
  form.querySelector('h2')!.id = 'curator-title';
  dialog.addEventListener('close', () => {
    const ok = dialog!.returnValue === 'ok';
    if (ok) curatorSession.set(token.value.trim() || null, name.value.trim() || null);
    const retry = pending;
    const done = onDone;
    pending = null;
    onDone = null;
    if (ok && retry) void retry().then(() => done?.(true), () => done?.(false));
    else done?.(false);
  });
  document.body.append(dialog);
  return dialog;
}

/**
 * Runs a write; a refusal for want of the token asks for it and runs the write again. Other
 * refusals are told in the API's own words. Resolves true when the write went through.
 */
export async function asCurator(write: () => Promise<void>, toast: Toast): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || (error.status === 403 && /token is wrong/.test(error.message)))) {
      const d = accessDialog();
      d.querySelector('#curator-why')!.textContent = error.status === 401
        ? 'This server takes uploads and corrections only with the curator token.'
        : 'That token was refused. Check it and try again.';
      (d.querySelector('#curator-name') as HTMLInputElement).value = curatorSession.name() ?? '';
      d.returnValue = '';
      return new Promise<boolean>((resolve) => {
        pending = async () => {
          if (!(await asCurator(write, toast))) throw new Error('not written');
        };
        onDone = resolve;
        d.showModal();
        (d.querySelector('#curator-token') as HTMLInputElement).focus();
      });
    }
    toast(error instanceof ApiError ? error.message : 'The change could not be made', 'error');
    return false;
  }
}
