import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Ipc from '$ipc';
import type { HouseholdDetail, HouseholdInput, SimilarHousehold } from '$ipc';
import { setLocale } from '$lib/i18n/index.svelte';
import { SIMILAR_DELAY_MS } from './similar';

// The form asks `similarHouseholds` while names are typed; here it records what it was asked.
const calls = vi.hoisted(() => ({
  asked: [] as { input: HouseholdInput; exclude: string | null }[],
}));

const lind: SimilarHousehold = {
  household: { id: 'h-lind', name: 'Anna & Erik Lind' },
  person: { id: 'p-anna', name: 'Anna Lind' },
  member_index: 0,
  score: 75,
  confidence: 'medium',
  reasons: ['same_name', 'same_municipality'],
  stage: 'contacted',
};

vi.mock('$ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof Ipc>();
  return {
    ...actual,
    commands: {
      ...actual.commands,
      similarHouseholds: (input: HouseholdInput, exclude: string | null) => {
        calls.asked.push({ input, exclude });
        return Promise.resolve({ status: 'ok', data: [lind] });
      },
    },
  };
});

const { default: HouseholdFormDialog } = await import('./HouseholdFormDialog.svelte');

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;

beforeEach(() => {
  vi.useFakeTimers();
  setLocale('sv');
  calls.asked.length = 0;
  target = document.createElement('div');
  document.body.append(target);
});

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
  target.remove();
  vi.useRealTimers();
});

function open(household: HouseholdDetail | null) {
  component = mount(HouseholdFormDialog, {
    target,
    props: { open: true, household, users: [], currentUserId: null },
  });
  flushSync();
}

function type(testid: string, value: string) {
  const input = document.querySelector<HTMLInputElement>(`[data-testid="${testid}"]`);
  if (!input) throw new Error(`no ${testid}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

const items = () => [...document.querySelectorAll('[data-testid="similar-household"]')];

describe('the duplicate warning in the household form', () => {
  it('lists similar households while a new one is typed, with reasons and a link', async () => {
    open(null);
    type('member-0-first-name', 'Anna');
    type('member-0-last-name', 'Lind');
    expect(calls.asked, 'debounced: nothing asked while typing').toEqual([]);
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    flushSync();
    expect(calls.asked).toHaveLength(1);
    expect(calls.asked[0]?.exclude).toBeNull();
    expect(calls.asked[0]?.input.members[0]).toMatchObject({ first_name: 'Anna', last_name: 'Lind' });

    const region = document.querySelector('[data-testid="similar-households"]');
    expect(region?.getAttribute('role')).toBe('status');
    expect(region?.getAttribute('aria-live')).toBe('polite');
    expect(items()).toHaveLength(1);
    const text = items()[0]?.textContent ?? '';
    expect(text).toContain('Anna Lind: samma namn i samma kommun');
    expect(text).toContain('Kontaktad');
    expect(items()[0]?.querySelector('a')?.getAttribute('href')).toBe('#/households/h-lind');

    const save = document.querySelector<HTMLButtonElement>('[data-testid="save-household"]');
    expect(save?.disabled, 'a warning never blocks saving').toBe(false);

    items()[0]?.querySelector('a')?.click();
    flushSync();
    expect(document.querySelector('dialog')?.open, 'opening the other household leaves the form').toBe(false);
  });

  it('compares an existing household only once it is edited, never with itself', async () => {
    open({
      id: 'h-self',
      name: 'Omar Haddad',
      members: [
        {
          id: 'p-omar',
          first_name: 'Omar',
          last_name: 'Haddad',
          role: 'adult',
          birth_year: null,
          languages: [],
          profession: null,
          emails: [],
          phones: [],
        },
      ],
      desired_municipalities: ['Östersund'],
      source: null,
      source_event_id: null,
      tags: [],
      interests: [],
      notes: null,
      owner: null,
      time_frame: null,
      // The rest of the detail page's data is not read by the form.
    } as unknown as HouseholdDetail);
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    expect(calls.asked, 'opening is not typing').toEqual([]);
    type('member-0-emails', 'omar@example.se');
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    expect(calls.asked.map((c) => c.exclude)).toEqual(['h-self']);
  });
});
