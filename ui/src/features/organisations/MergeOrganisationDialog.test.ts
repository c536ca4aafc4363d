import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Ipc from '$ipc';
import type { OrganisationFilter, OrganisationRow } from '$ipc';
import { setLocale } from '$lib/i18n/index.svelte';

// The picker searches with `list_organisations`; here a stand-in register of three, one of
// them the organisation whose page is open.
const REGISTER: OrganisationRow[] = [
  { id: 'o1', name: 'Jämtkraft AB', kind: 'employer', municipality: 'Östersund' },
  { id: 'o2', name: 'Jämtkraft', kind: 'employer', municipality: null },
  { id: 'o3', name: 'Region Jämtland Härjedalen', kind: 'other', municipality: 'Östersund' },
].map((o) => ({ ...o, kind: o.kind as OrganisationRow['kind'], participating: false, participating_since: null, contacts: 0, households: 0 }));

const searches = vi.hoisted(() => [] as (string | null)[]);

vi.mock('$ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof Ipc>();
  return {
    ...actual,
    commands: {
      ...actual.commands,
      listOrganisations: (filter: OrganisationFilter) => {
        searches.push(filter.query);
        const q = filter.query?.toLowerCase() ?? '';
        return Promise.resolve({ status: 'ok', data: REGISTER.filter((o) => o.name.toLowerCase().includes(q)) });
      },
    },
  };
});

const { default: MergeOrganisationDialog } = await import('./MergeOrganisationDialog.svelte');

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;

beforeEach(() => {
  setLocale('sv');
  searches.length = 0;
  location.hash = '#/organisations/o1';
  target = document.body.appendChild(document.createElement('div'));
  component = mount(MergeOrganisationDialog, {
    target,
    props: { open: true, organisation: { id: 'o1', name: 'Jämtkraft AB' } },
  });
  flushSync();
});

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
  target.remove();
});

const search = () => target.querySelector<HTMLInputElement>('[data-testid="organisation-merge-search"]');
const options = () =>
  [...target.querySelectorAll<HTMLElement>('[data-testid="organisation-merge-option"]')].map((o) => ({
    id: o.dataset['id'],
    checked: o.querySelector('input')?.checked ?? false,
  }));

function type(text: string) {
  const input = search();
  if (!input) throw new Error('no search field');
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

function enter(el: HTMLElement | null) {
  el?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  flushSync();
}

describe('the organisation merge picker', () => {
  it('starts in a labelled search field and never lists the open organisation', async () => {
    await vi.waitFor(() => expect(options().map((o) => o.id)).toEqual(['o2', 'o3']));
    const input = search();
    expect(document.activeElement, 'focus starts in the search field').toBe(input);
    const label = target.querySelector(`label[for="${input?.id}"]`)?.textContent?.trim();
    expect(label, 'the search field is named for screen readers').toBe('Sök organisation att slå ihop med');
    expect(target.querySelector('legend')?.textContent, 'the group says what is picked').toContain(
      'Organisationen som går upp i Jämtkraft AB',
    );
  });

  it('picks the top match with Enter, then opens the merge screen with this organisation kept', async () => {
    type('jämtkraft');
    await vi.waitFor(() => expect(searches.at(-1)).toBe('jämtkraft'));
    await vi.waitFor(() => expect(options()).toEqual([{ id: 'o2', checked: false }]));
    enter(search());
    expect(options(), 'Enter picked the only other match').toEqual([{ id: 'o2', checked: true }]);
    expect(location.hash, 'nothing happens before the second Enter').toBe('#/organisations/o1');
    enter(search());
    expect(location.hash).toBe('#/duplicates/merge?entity=organisations&kept=o1&merged=o2');
  });

  it('asks for a choice instead of going on without one', async () => {
    await vi.waitFor(() => expect(options()).toHaveLength(2));
    target.querySelector<HTMLButtonElement>('[data-testid="organisation-merge-continue"]')?.click();
    flushSync();
    await vi.waitFor(() =>
      expect(target.querySelector('[data-testid="organisation-merge-error"]')?.textContent).toBe(
        'Välj organisationen som ska slås ihop med Jämtkraft AB.',
      ),
    );
    expect(location.hash).toBe('#/organisations/o1');
  });

  it('goes on with Enter on a chosen option', async () => {
    await vi.waitFor(() => expect(options()).toHaveLength(2));
    const region = target.querySelector<HTMLInputElement>('[data-id="o3"] input');
    region?.click();
    flushSync();
    enter(region);
    expect(location.hash).toBe('#/duplicates/merge?entity=organisations&kept=o1&merged=o3');
  });
});
