import { createRawSnippet, flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Dialog from './Dialog.svelte';

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
  target.remove();
});

const body = createRawSnippet(() => ({
  render: () => '<div><input id="first-field" /><button id="last">Ok</button></div>',
}));

function open(onclose: () => void) {
  target = document.body.appendChild(document.createElement('div'));
  const opener = document.body.appendChild(document.createElement('button'));
  opener.focus();
  component = mount(Dialog, {
    target,
    props: { open: true, title: 'Avsluta hushåll', children: body, onclose },
  });
  flushSync();
  const dialog = target.querySelector('dialog');
  if (!dialog) throw new Error('Dialog rendered no <dialog>');
  return { dialog, opener };
}

describe('Dialog', () => {
  it('opens modally, is named by its title and starts in the content', async () => {
    const { dialog } = open(() => {});
    expect(dialog.open).toBe(true);
    const labelledBy = dialog.getAttribute('aria-labelledby') ?? '';
    expect(document.getElementById(labelledBy)?.textContent).toBe('Avsluta hushåll');
    // Focus moves once the content has rendered, which happens after the dialog opens.
    await vi.waitFor(() =>
      expect(document.activeElement?.id, 'focus should start on the first field').toBe('first-field'),
    );
  });

  it('closes on Escape and returns focus to the opener', async () => {
    const onclose = vi.fn();
    const { dialog, opener } = open(onclose);
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    flushSync();
    await vi.waitFor(() => expect(onclose).toHaveBeenCalledOnce());
    expect(dialog.open).toBe(false);
    expect(document.activeElement, 'focus must go back where it came from').toBe(opener);
  });

  it('keeps Tab inside the dialog', () => {
    const { dialog } = open(() => {});
    const last = dialog.querySelector<HTMLElement>('#last');
    last?.focus();
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }));
    expect(document.activeElement?.getAttribute('aria-label'), 'Tab from the last element wraps to the close button').toBe('Stäng');
  });
});
