// Small behaviours shared by this feature's dialogs.
import { tick } from 'svelte';

export const FIRST_FIELD =
  'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])';

/**
 * The shared Dialog tries to focus its first field as it opens, but its content is not yet
 * in the DOM at that moment (it renders inside `{#if open}`), so focus stays on the page.
 * Until that is fixed there, each dialog puts focus on its own first field.
 */
export async function focusWithin(
  container: () => HTMLElement | undefined,
  selector: string,
): Promise<void> {
  await tick();
  const root = container();
  if (!root || root.contains(document.activeElement)) return;
  root.querySelector<HTMLElement>(selector)?.focus();
}

/**
 * Enter in a single-line field submits the form. Browsers do this by themselves only when
 * the submit button sits inside the form; ours is in the dialog footer, outside it.
 */
export function submitOnEnter(event: KeyboardEvent): void {
  const target = event.target;
  if (event.key !== 'Enter' || event.isComposing || !(target instanceof HTMLInputElement)) return;
  if (['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(target.type)) return;
  event.preventDefault();
  target.form?.requestSubmit();
}
