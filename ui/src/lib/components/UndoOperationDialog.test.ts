import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError, Result } from '$ipc';
import { dismissAll, toast } from '$lib/components/toast.svelte';
import { setLocale } from '$lib/i18n/index.svelte';
import UndoOperationDialog from './UndoOperationDialog.svelte';

interface Op {
  id: string;
  name: string;
}
type Summary = { kept: number };

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;

beforeEach(() => setLocale('sv'));

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
  target.remove();
  dismissAll();
});

function open(undo: (op: Op) => Promise<Result<Summary, ApiError>>) {
  const events = { closed: 0, done: [] as Summary[] };
  target = document.body.appendChild(document.createElement('div'));
  component = mount(UndoOperationDialog<Op, Summary, ApiError>, {
    target,
    props: {
      item: { id: 'op1', name: 'mässlista.csv' },
      title: 'Ångra importen?',
      body: (op: Op) => [`${op.name} tas bort.`, 'Senare ändringar behålls.'],
      confirmLabel: 'Ångra importen',
      testid: 'thing-undo',
      undo,
      errorText: (error: ApiError) => `fel: ${error.code}`,
      doneText: (summary: Summary, op: Op) => `${op.name} är ångrad (${summary.kept}).`,
      onclose: () => events.closed++,
      ondone: (summary: Summary) => events.done.push(summary),
    },
  });
  flushSync();
  return events;
}

const confirm = () => target.querySelector<HTMLButtonElement>('[data-testid="thing-undo-confirm"]');

describe('UndoOperationDialog', () => {
  it('says what undoing does, in the paragraphs the caller gives', () => {
    open(() => Promise.resolve({ status: 'ok', data: { kept: 0 } }));
    const paragraphs = [...target.querySelectorAll('.confirm p')].map((p) => p.textContent);
    expect(paragraphs, 'one paragraph each').toEqual(['mässlista.csv tas bort.', 'Senare ändringar behålls.']);
    expect(confirm()?.textContent?.trim()).toBe('Ångra importen');
  });

  it('undoes the operation it shows, gives notice, reports the summary and closes', async () => {
    const undo = vi.fn((op: Op) => Promise.resolve({ status: 'ok' as const, data: { kept: op.id === 'op1' ? 2 : 0 } }));
    const events = open(undo);
    confirm()?.click();
    await vi.waitFor(() => expect(events.closed, 'closes once undone').toBe(1));
    expect(undo).toHaveBeenCalledWith({ id: 'op1', name: 'mässlista.csv' });
    expect(events.done, 'the summary goes to the caller').toEqual([{ kept: 2 }]);
    expect(toast.items.at(-1)?.message).toBe('mässlista.csv är ångrad (2).');
  });

  it('stays open with the error in words when the backend refuses', async () => {
    const events = open(() =>
      Promise.resolve({ status: 'error', error: { code: 'validation', message: '', field: null, kind: 'already_undone' } }),
    );
    confirm()?.click();
    await vi.waitFor(() =>
      expect(target.querySelector('[data-testid="thing-undo-error"]')?.textContent).toBe('fel: validation'),
    );
    expect(events.closed, 'a failed undo keeps the dialog open').toBe(0);
    expect(events.done).toEqual([]);
  });

  it('shows a thrown failure as the generic sentence for its code', async () => {
    open(() => Promise.reject(new Error('ipc down')));
    confirm()?.click();
    await vi.waitFor(() => expect(target.querySelector('[data-testid="thing-undo-error"]')).not.toBeNull());
    expect(target.querySelector('[data-testid="thing-undo-error"]')?.getAttribute('role'), 'announced').toBe('alert');
  });
});
