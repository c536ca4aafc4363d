import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Ipc from '$ipc';
import type { RetentionRule, RetentionRuleInput } from '$ipc';
import { setLocale } from '$lib/i18n/index.svelte';
import { chooseOption } from '$lib/testing';

// The backend's side: the rules it holds, the rules it is asked to create, what a review finds.
const backend = vi.hoisted(() => {
  const state: { rules: unknown[]; created: RetentionRuleInput[]; due: unknown[] } = {
    rules: [],
    created: [],
    due: [],
  };
  return state;
});

vi.mock('$ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof Ipc>();
  return {
    ...actual,
    commands: {
      ...actual.commands,
      retentionRules: () => Promise.resolve({ status: 'ok', data: backend.rules }),
      retentionRuns: () => Promise.resolve({ status: 'ok', data: [] }),
      listProjects: () => Promise.resolve({ status: 'ok', data: [] }),
      retentionReview: () => Promise.resolve({ status: 'ok', data: backend.due }),
      createRetentionRule: (input: RetentionRuleInput) => {
        backend.created.push(input);
        return Promise.resolve({ status: 'ok', data: { ...contactRule, name: input.name } });
      },
    },
  };
});

const { default: RetentionSection } = await import('./RetentionSection.svelte');

const contactRule: RetentionRule = {
  id: 'r1',
  name: 'Arbetsgivarkontakter',
  kind: 'inactive_contacts',
  months: 36,
  municipality: null,
  project_id: null,
  project_name: null,
  organisation_kind: 'employer',
  action: 'erase',
  automatic: false,
  due: 1,
};

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;

beforeEach(() => {
  setLocale('sv');
  backend.rules = [];
  backend.created.length = 0;
  backend.due = [];
  target = document.createElement('div');
  document.body.append(target);
  component = mount(RetentionSection, { target });
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
const absent = (testid: string) => document.querySelector(`[data-testid="${testid}"]`) === null;

function choose(testid: string, value: string) {
  chooseOption(byTestId<HTMLSelectElement>(testid), value);
}

describe('a retention rule for contact persons', () => {
  it('asks for a type of organisation instead of a municipality, and only ever erases', async () => {
    byTestId<HTMLButtonElement>('retention-new').click();
    flushSync();
    expect(absent('retention-organisation-kind'), 'households rules have no organisation type').toBe(true);
    choose('retention-kind', 'inactive_contacts');
    expect(absent('retention-municipality'), 'a contact person wants to move nowhere').toBe(true);
    expect(absent('retention-action-select'), 'nothing to choose: contacts are erased').toBe(true);
    expect(byTestId('retention-contacts-erase').textContent).toContain('Hushållens kopplingar till organisationen finns kvar');
    const name = byTestId<HTMLInputElement>('retention-name');
    name.value = 'Arbetsgivarkontakter';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    choose('retention-organisation-kind', 'employer');
    byTestId<HTMLButtonElement>('retention-save').click();
    await vi.waitFor(() => expect(backend.created).toHaveLength(1));
    expect(backend.created[0]).toMatchObject({
      kind: 'inactive_contacts',
      organisation_kind: 'employer',
      municipality: null,
      project_id: null,
      action: 'erase',
    });
  });

  it('describes the rule and lists the contact persons due with their organisation', async () => {
    backend.rules = [contactRule];
    backend.due = [
      { id: 'c1', name: 'Eva Ström', stage: null, organisation: 'Jämtkraft', since: '2023-06-01' },
    ];
    void unmount(component!);
    component = mount(RetentionSection, { target });
    await vi.waitFor(() =>
      expect(byTestId('retention-rule').textContent).toContain(
        'Kontaktpersoner på organisationer av typen ”arbetsgivare” utan aktivitet i 36 månader',
      ),
    );
    byTestId<HTMLButtonElement>('retention-review').click();
    await vi.waitFor(() => expect(byTestId('retention-due-row').textContent).toContain('Eva Ström'));
    expect(byTestId('retention-due-row').textContent).toContain('Jämtkraft');
    expect(document.body.textContent).toContain('Kontaktpersoner att gallra nu: 1.');
  });
});
