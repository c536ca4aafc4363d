import { createRawSnippet, flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Ipc from '$ipc';
import type { ApiError, DataChanged, Result } from '$ipc';
import { setLocale } from '$lib/i18n/index.svelte';

// The list reads through the caller's `load` and listens for `DataChanged`; here the backend
// is present and the change events are ours to send.
const listeners = vi.hoisted(() => [] as ((change: { entities: string[]; ids: string[] }) => void)[]);

vi.mock('$ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof Ipc>();
  return {
    ...actual,
    hasBackend: () => true,
    onDataChanged: (handler: (change: DataChanged) => void) => {
      listeners.push(handler);
      return () => listeners.splice(listeners.indexOf(handler), 1);
    },
  };
});

const { default: OperationHistory } = await import('./OperationHistory.svelte');

interface Op {
  id: string;
  file: string;
  created_at: string;
  undone_at: string | null;
}

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;

beforeEach(() => {
  setLocale('sv');
  listeners.length = 0;
});

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
  target.remove();
});

const cells = createRawSnippet((op: () => Op) => ({ render: () => `<td class="file">${op().file}</td>` }));

function show(load: () => Promise<Result<Op[], ApiError>>, onundo: (op: Op) => void = () => {}) {
  target = document.body.appendChild(document.createElement('div'));
  component = mount(OperationHistory<Op>, {
    target,
    props: {
      title: 'Importer',
      testid: 'ops',
      rowTestid: 'op',
      load,
      reloadOn: ['households'],
      emptyText: 'Inga importer än.',
      whenLabel: 'När',
      when: (op: Op) => op.created_at,
      columns: [{ label: 'Fil' }],
      cells,
      statusLabel: 'Ångra',
      undoLabel: 'Ångra',
      undoName: (op: Op) => `Ångra ${op.file}`,
      undoneText: (when: string) => `Ångrad ${when}`,
      onundo,
    },
  });
  flushSync();
}

const ok = (data: Op[]) => Promise.resolve({ status: 'ok' as const, data });
const rows = () => [...target.querySelectorAll<HTMLElement>('[data-testid="op-row"]')];

describe('OperationHistory', () => {
  it('says so when nothing has been done yet', async () => {
    show(() => ok([]));
    await vi.waitFor(() => expect(target.querySelector('[data-testid="ops-empty"]')?.textContent).toBe('Inga importer än.'));
  });

  it('lists each operation with the caller’s cells, and undo only for those not undone', async () => {
    const onundo = vi.fn();
    show(
      () =>
        ok([
          { id: 'a', file: 'mässa.csv', created_at: 'i dag', undone_at: null },
          { id: 'b', file: 'gammal.xlsx', created_at: 'i går', undone_at: 'i dag' },
        ]),
      onundo,
    );
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    const [open, undone] = rows();
    expect(open?.querySelector('th')?.textContent, 'when, as the row heading').toBe('i dag');
    expect(open?.querySelector('.file')?.textContent).toBe('mässa.csv');
    expect(undone?.dataset['undone']).toBe('true');
    expect(undone?.querySelector('[data-testid="op-undone"]')?.textContent).toBe('Ångrad i dag');
    expect(undone?.querySelector('[data-testid="op-undo"]'), 'an undone operation cannot be undone again').toBeNull();
    const button = open?.querySelector<HTMLButtonElement>('[data-testid="op-undo"]');
    expect(button?.getAttribute('aria-label'), 'the button names what it undoes').toBe('Ångra mässa.csv');
    button?.click();
    expect(onundo).toHaveBeenCalledWith(expect.objectContaining({ id: 'a' }));
    expect(target.querySelector('[data-testid="ops"] h2')?.textContent).toContain('2');
  });

  it('reads the list again when records it is about change, not for others', async () => {
    const load = vi.fn(() => ok([]));
    show(load);
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    for (const l of listeners) l({ entities: ['events'], ids: [] });
    flushSync();
    expect(load, 'an unrelated change is ignored').toHaveBeenCalledTimes(1);
    for (const l of listeners) l({ entities: ['households'], ids: ['h1'] });
    flushSync();
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(2));
  });

  it('shows a failed read as an alert', async () => {
    show(() => Promise.resolve({ status: 'error', error: { code: 'storage', message: '', field: null } }));
    await vi.waitFor(() => expect(target.querySelector('[data-testid="ops"] [role="alert"]')).not.toBeNull());
  });
});
