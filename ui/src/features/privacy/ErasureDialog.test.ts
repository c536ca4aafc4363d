import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Ipc from '$ipc';
import type { ApiError, ErasureDto, ErasureInput, ErasurePreview, Result } from '$ipc';
import { setLocale } from '$lib/i18n/index.svelte';

// The backend's side: the preview it answers, the decisions it is asked for.
const backend = vi.hoisted(() => {
  const state: { decided: ErasureInput[]; answer: unknown; previews: (string | null)[] } = {
    decided: [],
    answer: null,
    previews: [],
  };
  return state;
});

const preview: ErasurePreview = {
  household_id: 'h1',
  person_id: null,
  name: 'Berg',
  rows: { households: 1, persons: 2, interactions: 3 },
};

vi.mock('$ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof Ipc>();
  return {
    ...actual,
    commands: {
      ...actual.commands,
      erasurePreview: (_household: string, person: string | null) => {
        backend.previews.push(person);
        const data: ErasurePreview = person
          ? { household_id: 'h1', person_id: person, name: 'Anna Berg', rows: { persons: 1, consents: 1 } }
          : preview;
        return Promise.resolve({ status: 'ok', data });
      },
      decideErasure: (input: ErasureInput) => {
        backend.decided.push(input);
        return Promise.resolve(backend.answer);
      },
    },
  };
});

const { default: ErasureDialog } = await import('./ErasureDialog.svelte');

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;
let decided: ErasureDto[];

beforeEach(() => {
  setLocale('sv');
  backend.decided.length = 0;
  backend.previews.length = 0;
  backend.answer = null;
  decided = [];
  target = document.createElement('div');
  document.body.append(target);
  component = mount(ErasureDialog, {
    target,
    props: {
      open: true,
      householdId: 'h1',
      name: 'Berg',
      members: [
        { id: 'p1', name: 'Anna Berg' },
        { id: 'p2', name: 'Per Berg' },
      ],
      ondecided: (d: ErasureDto) => decided.push(d),
    },
  });
  flushSync();
});

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
  target.remove();
});

const byTestId = <T extends HTMLElement>(testid: string) => {
  const element = document.querySelector<T>(`[data-testid="${testid}"]`);
  if (!element) throw new Error(`no ${testid}`);
  return element;
};

function type(testid: string, value: string) {
  const input = byTestId<HTMLInputElement | HTMLTextAreaElement>(testid);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

describe('deciding an erasure request', () => {
  it('says what will go, and erases only with a reason and the confirmation', async () => {
    await vi.waitFor(() => expect(byTestId('erase-preview').textContent).toContain('6 poster'));
    expect(byTestId('erase-preview').textContent).toContain('2 personer, 3 händelser i tidslinjen');
    const submit = byTestId<HTMLButtonElement>('erase-submit');
    expect(submit.disabled, 'no reason yet').toBe(true);
    type('erase-reason', 'Begäran per e-post');
    expect(submit.disabled, 'not confirmed yet').toBe(true);
    byTestId<HTMLInputElement>('erase-confirm').click();
    flushSync();
    expect(submit.disabled).toBe(false);

    backend.answer = {
      status: 'ok',
      data: {
        id: 'e1',
        entity: 'households',
        subject_id: 'h1',
        household_id: null,
        subject_name: null,
        restricted_now: false,
        outcome: 'erased',
        reason: 'Begäran per e-post',
        requested_on: '2026-11-24',
        decided_at: '2026-11-24T10:00:00.000Z',
        decided_by: 'Karin',
        rows_erased: 6,
      },
    } satisfies Result<ErasureDto, ApiError>;
    submit.click();
    await vi.waitFor(() => expect(decided).toHaveLength(1));
    expect(backend.decided[0]).toMatchObject({ household_id: 'h1', outcome: 'erased', reason: 'Begäran per e-post' });
  });

  it('refuses without the confirmation, and shows the backend’s refusal at its field', async () => {
    byTestId<HTMLInputElement>('erase-outcome-refused').click();
    flushSync();
    expect(document.querySelector('[data-testid="erase-confirm"]'), 'a refusal erases nothing').toBeNull();
    expect(byTestId('erase-submit').textContent).toContain('Spara avslaget');
    type('erase-reason', 'Allmän handling');
    backend.answer = {
      status: 'error',
      error: { code: 'validation', message: 'bad date', field: 'requested_on', kind: 'invalid_date' },
    } satisfies Result<ErasureDto, ApiError>;
    byTestId<HTMLButtonElement>('erase-submit').click();
    await vi.waitFor(() =>
      expect(byTestId<HTMLInputElement>('erase-requested-on').getAttribute('aria-invalid')).toBe('true'),
    );
    expect(backend.decided[0]?.outcome).toBe('refused');
    expect(decided, 'nothing decided').toHaveLength(0);
  });

  it('erases one person: the preview and the request follow the chosen member', async () => {
    const people = document.querySelectorAll<HTMLInputElement>('[data-testid="erase-subject-person"]');
    expect(people, 'each member can be chosen').toHaveLength(2);
    people[0]?.click();
    flushSync();
    await vi.waitFor(() => expect(byTestId('erase-preview').textContent).toContain('2 poster'));
    expect(backend.previews.at(-1)).toBe('p1');
    expect(byTestId('erase-submit').textContent).toContain('Radera personen');
    type('erase-reason', 'Begäran per telefon');
    byTestId<HTMLInputElement>('erase-confirm').click();
    flushSync();
    backend.answer = {
      status: 'error',
      error: { code: 'validation', message: 'only adult', field: 'person_id', kind: 'only_adult' },
    } satisfies Result<ErasureDto, ApiError>;
    byTestId<HTMLButtonElement>('erase-submit').click();
    await vi.waitFor(() => expect(byTestId('erase-error').textContent).toContain('enda vuxna'));
    expect(backend.decided[0]).toMatchObject({ household_id: 'h1', person_id: 'p1', outcome: 'erased' });
    expect(decided, 'nothing decided').toHaveLength(0);
  });

  it('restricts without the erase confirmation, with its own reason hint', async () => {
    byTestId<HTMLInputElement>('erase-outcome-restricted').click();
    flushSync();
    expect(document.querySelector('[data-testid="erase-confirm"]'), 'a restriction erases nothing').toBeNull();
    expect(byTestId('erase-submit').textContent).toContain('Begränsa');
    type('erase-reason', 'Bestrider uppgifterna');
    backend.answer = {
      status: 'ok',
      data: {
        id: 'e2',
        entity: 'households',
        subject_id: 'h1',
        household_id: 'h1',
        subject_name: 'Berg',
        restricted_now: true,
        outcome: 'restricted',
        reason: 'Bestrider uppgifterna',
        requested_on: '2026-11-24',
        decided_at: '2026-11-24T10:00:00.000Z',
        decided_by: 'Karin',
        rows_erased: 0,
      },
    } satisfies Result<ErasureDto, ApiError>;
    byTestId<HTMLButtonElement>('erase-submit').click();
    await vi.waitFor(() => expect(decided).toHaveLength(1));
    expect(backend.decided[0]).toMatchObject({ person_id: null, outcome: 'restricted' });
  });

  it('anonymises a whole household only, after the same confirmation as an erasure', async () => {
    byTestId<HTMLInputElement>('erase-outcome-anonymised').click();
    flushSync();
    await vi.waitFor(() => expect(byTestId('erase-preview').textContent).toContain('ersätts'));
    expect(byTestId('erase-submit').textContent).toContain('Anonymisera hushållet');
    type('erase-reason', 'Gallring enligt planen');
    expect(byTestId<HTMLButtonElement>('erase-submit').disabled, 'not confirmed yet').toBe(true);
    document.querySelectorAll<HTMLInputElement>('[data-testid="erase-subject-person"]')[0]?.click();
    flushSync();
    expect(
      document.querySelector('[data-testid="erase-outcome-anonymised"]'),
      'a person cannot be anonymised on their own',
    ).toBeNull();
    expect(byTestId('erase-submit').textContent).toContain('Radera personen');
  });
});
