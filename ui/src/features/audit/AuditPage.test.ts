import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Ipc from '$ipc';
import type { AuditEntry, AuditFilter, ReadLogFilter, UiLanguage } from '$ipc';
import { dismissAll, toast } from '$lib/components/toast.svelte';
import { setLocale } from '$lib/i18n/index.svelte';
import { chooseOption } from '$lib/testing';

// The page talks to the backend through `commands`; here they record what they were asked and
// answer from a script the test sets up.
const backend = vi.hoisted(() => ({
  audit: [] as AuditFilter[],
  reads: [] as ReadLogFilter[],
  exports: [] as [AuditFilter, UiLanguage][],
  /** How `auditLog` answers; by default two pages of two lines each. */
  answer: null as null | ((filter: AuditFilter) => unknown),
}));

function entry(row: string, field: string): AuditEntry {
  return {
    at: '2026-11-23T10:00:00.000Z',
    user_id: 'u1',
    user_name: 'Karin Lindgren',
    entity: 'households',
    row_id: row,
    label: `Familjen ${row}`,
    field,
    value: '"Krokom"',
    created: false,
  };
}

function twoPages(filter: AuditFilter) {
  const first = filter.cursor === null;
  return {
    status: 'ok',
    data: {
      entries: first ? [entry('h1', 'notes'), entry('h1', 'stage')] : [entry('h2', 'notes'), entry('h2', 'stage')],
      next_cursor: first ? 'c1' : null,
      record: null,
    },
  };
}

vi.mock('$ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof Ipc>();
  return {
    ...actual,
    hasBackend: () => true,
    commands: {
      ...actual.commands,
      auditChoices: () =>
        Promise.resolve({
          status: 'ok',
          data: { users: [{ id: 'u1', name: 'Karin Lindgren' }, { id: 'u2', name: 'Per Olsson' }], entities: ['households', 'persons'] },
        }),
      auditLog: (filter: AuditFilter) => {
        backend.audit.push(filter);
        return Promise.resolve((backend.answer ?? twoPages)(filter));
      },
      readLogEntries: (filter: ReadLogFilter) => {
        backend.reads.push(filter);
        return Promise.resolve({ status: 'ok', data: { entries: [], next_cursor: null } });
      },
      exportAuditCsv: (filter: AuditFilter, language: UiLanguage) => {
        backend.exports.push([filter, language]);
        return Promise.resolve({ status: 'ok', data: { path: '/home/k/Hämtade filer/granskningslogg.csv', rows: 4 } });
      },
    },
  };
});

const { default: AuditPage } = await import('./AuditPage.svelte');

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;

function open(record: string | null = null) {
  component = mount(AuditPage, { target, props: { record } });
}

beforeEach(() => {
  setLocale('sv');
  backend.audit.length = 0;
  backend.reads.length = 0;
  backend.exports.length = 0;
  backend.answer = null;
  target = document.body.appendChild(document.createElement('div'));
});

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
  target.remove();
  dismissAll();
});

const get = <T extends Element = HTMLElement>(id: string) => target.querySelector<T>(`[data-testid="${id}"]`);
const rows = () => target.querySelectorAll('[data-testid="audit-change"]').length;

function choose(id: string, value: string) {
  chooseOption(get<HTMLSelectElement>(id)!, value);
}

function type(id: string, value: string) {
  const input = get<HTMLInputElement>(id)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

describe('the audit log page', () => {
  it('reads the newest page of the whole log, then the next one on "Visa fler"', async () => {
    open();
    await vi.waitFor(() => expect(rows()).toBe(2));
    expect(backend.audit[0]).toMatchObject({ user_id: null, without_user: false, entity: null, row_id: null, cursor: null });
    expect(get('audit-panel')?.textContent).toContain('Familjen h1');
    get<HTMLButtonElement>('audit-more')?.click();
    await vi.waitFor(() => expect(rows()).toBe(4));
    expect(backend.audit.at(-1)?.cursor, 'the next page starts where the first ended').toBe('c1');
    expect(get('audit-more'), 'no more pages').toBeNull();
  });

  it('asks again from the top with the filters chosen', async () => {
    open();
    await vi.waitFor(() => expect(get<HTMLSelectElement>('audit-user')?.options.length).toBe(4));
    choose('audit-user', 'u2');
    await vi.waitFor(() => expect(backend.audit.at(-1)).toMatchObject({ user_id: 'u2', cursor: null }));
    choose('audit-user', 'nobody');
    await vi.waitFor(() => expect(backend.audit.at(-1)).toMatchObject({ user_id: null, without_user: true }));
    choose('audit-entity', 'persons');
    await vi.waitFor(() => expect(backend.audit.at(-1)).toMatchObject({ entity: 'persons' }));
    type('audit-from', '2026-11-01');
    await vi.waitFor(() => expect(backend.audit.at(-1)).toMatchObject({ from: '2026-11-01' }));
    expect(backend.reads.at(-1), 'the read log follows who and when').toMatchObject({ without_user: true, from: '2026-11-01' });
  });

  it('shows a date it can see is wrong next to the field, without asking', async () => {
    open();
    await vi.waitFor(() => expect(rows()).toBe(2));
    const asked = backend.audit.length;
    type('audit-from', '2026-11-05');
    type('audit-to', '2026-11-01');
    expect(target.textContent).toContain('Slutdatumet kan inte vara före startdatumet.');
    expect(backend.audit.length, 'only the valid from-date was asked for').toBe(asked + 1);
  });

  it('shows a refusal from the backend as a sentence, not a code', async () => {
    backend.answer = () => ({ status: 'error', error: { code: 'storage', message: 'database is locked', field: null, kind: null } });
    open();
    await vi.waitFor(() => expect(get('audit-error')).not.toBeNull());
    expect(get('audit-error')?.textContent).toBe('Landa kunde inte läsa från eller skriva till den lokala databasen. Försök igen om en stund.');
  });

  it('narrows to one record from the route and offers the whole log back', async () => {
    backend.answer = () => ({
      status: 'ok',
      data: { entries: [entry('h1', 'notes')], next_cursor: null, record: { entity: 'households', label: 'Familjen Berg' } },
    });
    open('h1');
    await vi.waitFor(() => expect(get('audit-record')?.textContent).toContain('Familjen Berg'));
    expect(backend.audit[0]).toMatchObject({ row_id: 'h1' });
    expect(get('audit-record')?.querySelector('a')?.getAttribute('href')).toBe('#/data/audit');
  });

  it('exports what the filters show and says where the file went', async () => {
    open();
    await vi.waitFor(() => expect(rows()).toBe(2));
    const reads = backend.reads.length;
    get<HTMLButtonElement>('audit-export')?.click();
    await vi.waitFor(() => expect(get('audit-saved')).not.toBeNull());
    expect(backend.exports[0]?.[1]).toBe('sv');
    expect(backend.exports[0]?.[0]).toMatchObject({ cursor: null, row_id: null });
    expect(get('audit-saved')?.textContent).toContain('granskningslogg.csv');
    expect(toast.items.at(-1)?.message).toContain('4 rader');
    await vi.waitFor(() => expect(backend.reads.length, 'the export is now in the read log').toBe(reads + 1));
  });

  it('moves between the two logs with the arrow keys', async () => {
    open();
    await vi.waitFor(() => expect(rows()).toBe(2));
    const changes = get<HTMLButtonElement>('audit-tab-changes')!;
    changes.focus();
    changes.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    flushSync();
    const reads = get<HTMLButtonElement>('audit-tab-reads')!;
    expect(reads.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(reads);
    expect(get('audit-entity'), 'kinds of record do not apply to reads').toBeNull();
    expect(get('audit-panel')?.textContent).toContain('Inga registerutdrag eller exporter');
  });
});
