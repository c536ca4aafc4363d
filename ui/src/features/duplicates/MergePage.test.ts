import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Ipc from '$ipc';
import type { MergeEntity, MergeInput, MergePreview } from '$ipc';
import { dismissAll, toast } from '$lib/components/toast.svelte';
import { setLocale } from '$lib/i18n/index.svelte';

// The merge screen talks to the backend through `commands`; here they are stand-ins that
// answer with a preview of whichever record is kept, and record the merge asked for.
const calls = vi.hoisted(() => ({
  previews: [] as [string, string, string][],
  merged: [] as MergeInput[],
  undone: [] as string[],
}));

function preview(kept: string, merged: string): MergePreview {
  const lind = kept === 'h1';
  return {
    entity: 'households',
    kept: { id: kept, name: lind ? 'Familjen Lind' : 'Anna Lind' },
    merged: { id: merged, name: lind ? 'Anna Lind' : 'Familjen Lind' },
    fields: [
      { field: 'name', kept: lind ? 'Familjen Lind' : 'Anna Lind', merged: lind ? 'Anna Lind' : 'Familjen Lind', list: false, differs: true },
      { field: 'notes', kept: lind ? '' : 'Ring i maj', merged: lind ? 'Ring i maj' : '', list: false, differs: true },
      { field: 'source', kept: 'Mässa', merged: 'Mässa', list: false, differs: false },
      { field: 'tags', kept: 'A', merged: 'B', list: true, differs: true },
    ],
    moves: [
      { table: 'persons', count: 1 },
      { table: 'interactions', count: 2 },
    ],
  };
}

vi.mock('$ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof Ipc>();
  return {
    ...actual,
    commands: {
      ...actual.commands,
      mergePreview: (entity: MergeEntity, kept: string, merged: string) => {
        calls.previews.push([entity, kept, merged]);
        return Promise.resolve({ status: 'ok', data: preview(kept, merged) });
      },
      mergeRecords: (input: MergeInput) => {
        calls.merged.push(input);
        const p = preview(input.kept_id, input.merged_id);
        return Promise.resolve({
          status: 'ok',
          data: { id: 'm1', entity: input.entity, kept: p.kept, merged: p.merged, created_at: '', created_by: null, undone_at: null },
        });
      },
      undoMerge: (id: string) => {
        calls.undone.push(id);
        return Promise.resolve({ status: 'ok', data: { removed: 0, restored: 2, kept: 0 } });
      },
    },
  };
});

const { default: MergePage } = await import('./MergePage.svelte');
const { runAction } = await import('$lib/components/toast.svelte');

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;

beforeEach(() => {
  setLocale('sv');
  calls.previews.length = 0;
  calls.merged.length = 0;
  calls.undone.length = 0;
  location.hash = '#/duplicates/merge?entity=households&kept=h1&merged=h2';
  target = document.body.appendChild(document.createElement('div'));
  component = mount(MergePage, { target, props: { entity: 'households', kept: 'h1', merged: 'h2', household: null } });
});

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
  target.remove();
  dismissAll();
});

const radio = (id: string) => target.querySelector<HTMLInputElement>(`[data-testid="${id}"]`);
const text = (id: string) => target.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

describe('the merge screen', () => {
  it('preselects the kept values, or the merged one where the kept record is empty', async () => {
    await vi.waitFor(() => expect(radio('merge-choice-name-kept')).not.toBeNull());
    expect(radio('merge-choice-name-kept')?.checked).toBe(true);
    expect(radio('merge-choice-notes-merged')?.checked).toBe(true);
    expect(radio('merge-choice-source-kept'), 'a field that is the same offers no choice').toBeNull();
    const tags = [...target.querySelectorAll('[data-testid="merge-list-tags"] li')].map((li) => li.textContent);
    expect(tags, 'both lists are kept, joined').toEqual(['A', 'B']);
    expect(text('merge-moves-summary')).toBe('Från Anna Lind flyttas 1 person och 2 händelser i tidslinjen till Familjen Lind.');
  });

  it('merges with the fields chosen from the merged record, and offers undo in the notice', async () => {
    await vi.waitFor(() => expect(radio('merge-choice-name-merged')).not.toBeNull());
    radio('merge-choice-name-merged')?.click();
    flushSync();
    target.querySelector<HTMLButtonElement>('[data-testid="merge-confirm"]')?.click();
    await vi.waitFor(() => expect(calls.merged).toHaveLength(1));
    expect(calls.merged[0]).toEqual({
      entity: 'households',
      kept_id: 'h1',
      merged_id: 'h2',
      take_from_merged: ['name', 'notes'],
    });
    await vi.waitFor(() => expect(location.hash).toBe('#/households/h1'));
    const notice = toast.items.at(-1);
    expect(notice?.message).toBe('Anna Lind är sammanslagen med Familjen Lind.');
    expect(notice?.action?.label).toBe('Ångra');
    runAction(notice?.id ?? -1);
    await vi.waitFor(() => expect(calls.undone).toEqual(['m1']));
    await vi.waitFor(() =>
      expect(toast.items.at(-1)?.message).toBe('Sammanslagningen är ångrad: Anna Lind är en egen post igen.'),
    );
  });

  it('swaps which record is kept, with the defaults worked out again', async () => {
    await vi.waitFor(() => expect(text('merge-kept-name')).toBe('Familjen Lind'));
    target.querySelector<HTMLButtonElement>('[data-testid="merge-swap"]')?.click();
    await vi.waitFor(() => expect(text('merge-kept-name')).toBe('Anna Lind'));
    expect(calls.previews.at(-1)).toEqual(['households', 'h2', 'h1']);
    expect(radio('merge-choice-notes-kept')?.checked, 'the kept record now has the note').toBe(true);
    target.querySelector<HTMLButtonElement>('[data-testid="merge-confirm"]')?.click();
    await vi.waitFor(() => expect(calls.merged).toHaveLength(1));
    expect(calls.merged[0]).toMatchObject({ kept_id: 'h2', merged_id: 'h1', take_from_merged: [] });
  });
});
