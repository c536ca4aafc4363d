// Helpers for the unit tests of components (happy-dom). Not imported by the app.
import { flushSync } from 'svelte';

/** Chooses `value` in `select` as a user would. happy-dom does not match `:checked` on options,
 * which Svelte's select binding asks for, so the chosen option is handed over for that query. */
export function chooseOption(select: HTMLSelectElement, value: string): void {
  const option = [...select.options].find((o) => o.value === value);
  if (!option) throw new Error(`no option ${value}`);
  select.value = value;
  const query = select.querySelector.bind(select);
  select.querySelector = (q: string) => (q === ':checked' ? option : query(q));
  try {
    select.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
  } finally {
    Reflect.deleteProperty(select, 'querySelector');
  }
}
