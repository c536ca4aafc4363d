import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Ipc from '$ipc';
import type { ApiError, ErasureDto, LiftRestrictionInput, Result } from '$ipc';
import { setLocale } from '$lib/i18n/index.svelte';

// The backend's side: the register it answers, the lifts it is asked for.
const backend = vi.hoisted(() => {
  const state: { rows: unknown[]; lifted: LiftRestrictionInput[]; answer: unknown } = {
    rows: [],
    lifted: [],
    answer: null,
  };
  return state;
});

vi.mock('$ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof Ipc>();
  return {
    ...actual,
    commands: {
      ...actual.commands,
      erasureRequests: () => Promise.resolve({ status: 'ok', data: backend.rows }),
      liftRestriction: (input: LiftRestrictionInput) => {
        backend.lifted.push(input);
        return Promise.resolve(backend.answer);
      },
    },
  };
});

const { default: ErasureRegister } = await import('./ErasureRegister.svelte');

const row = (over: Partial<ErasureDto>): ErasureDto => ({
  id: 'e1',
  entity: 'households',
  subject_id: 'h1',
  household_id: null,
  subject_name: null,
  outcome: 'erased',
  restricted_now: false,
  reason: 'Begäran',
  requested_on: '2026-11-20',
  decided_at: '2026-11-21T10:00:00.000Z',
  decided_by: 'Karin',
  rows_erased: 12,
  ...over,
});

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;

beforeEach(() => {
  setLocale('sv');
  backend.lifted.length = 0;
  backend.rows = [
    row({ id: 'e2', outcome: 'restricted', restricted_now: true, household_id: 'h2', subject_id: 'h2', subject_name: 'Familjen Holm', rows_erased: 0 }),
    row({ id: 'e3', entity: 'persons', subject_id: 'p9', rows_erased: 3 }),
    row({}),
  ];
  target = document.createElement('div');
  document.body.append(target);
  component = mount(ErasureRegister, { target });
  flushSync();
});

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
  target.remove();
});

const all = (testid: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`)];

describe('the erasure register', () => {
  it('names what is still held, says what was erased, and offers actions only on a restriction in force', async () => {
    await vi.waitFor(() => expect(all('erasure-row')).toHaveLength(3));
    const [restricted, person, household] = all('erasure-row');
    expect(restricted?.textContent).toContain('Familjen Holm');
    expect(restricted?.textContent).toContain('Begränsad nu');
    expect(person?.textContent).toContain('Person (raderad)');
    expect(household?.textContent).toContain('Hushåll (raderat)');
    expect(all('lift-open'), 'only the restriction in force can be lifted').toHaveLength(1);
    expect(all('restricted-erase')).toHaveLength(1);
  });

  it('lifts a restriction only with a reason, and sends which request', async () => {
    await vi.waitFor(() => expect(all('lift-open')).toHaveLength(1));
    all('lift-open')[0]?.click();
    flushSync();
    const submit = all('lift-submit')[0] as HTMLButtonElement;
    expect(submit.disabled, 'no reason yet').toBe(true);
    const reason = document.querySelector<HTMLTextAreaElement>('[data-testid="lift-reason"]');
    if (!reason) throw new Error('no reason field');
    reason.value = 'Kontrollerat';
    reason.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    backend.answer = {
      status: 'ok',
      data: row({ id: 'e4', outcome: 'lifted', subject_id: 'h2', household_id: 'h2', subject_name: 'Familjen Holm' }),
    } satisfies Result<ErasureDto, ApiError>;
    submit.click();
    await vi.waitFor(() => expect(backend.lifted).toHaveLength(1));
    expect(backend.lifted[0]).toEqual({ request_id: 'e2', reason: 'Kontrollerat' });
  });
});
