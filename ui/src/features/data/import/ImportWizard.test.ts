// The wizard against a stand-in backend that plans the messy Swedish fair list the way
// crates/landa-core/tests/import.rs shows the real one does: read, columns guessed, a field
// chosen twice refused at the column, the preview's counts and filters, the two flagged cells
// fixed in place (the edits travel with the settings), commit after a confirm, and undo.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Ipc from '$ipc';
import type { ImportField, ImportPreview, ImportSettings, PreviewFilter, RowPlan } from '$ipc';
import { setLocale } from '$lib/i18n/index.svelte';
import { chooseOption } from '$lib/testing';

const HEADERS = ['Förnamn', 'Efternamn', 'E-post', 'Telefon', 'Partner förnamn', 'Partner efternamn', 'Barn', 'Kommun', 'Första kontakt', 'Anteckningar'];
const GUESS: ImportField[] = [
  'adult1_first_name',
  'adult1_last_name',
  'adult1_email',
  'adult1_phone',
  'adult2_first_name',
  'adult2_last_name',
  'children_ages',
  'municipalities',
  'first_contact',
  'notes',
];
const ROWS = [
  ['Anna', 'Lind', 'anna@example.se', '070-123 45 67', 'Erik', 'Lind', '4, 7', 'Östersund', '5/3/2024', 'Träffades på mässan'],
  ['Omar', 'Haddad', 'omar@example.se', '12', '', '', '', 'Åre', '2024-03-05', ''],
  ['Sara', 'Berg', 'sara@example.se', '', '', '', '', 'Krokom', '2099-01-01', ''],
  ['Britt', 'Ek', 'ANNA@example.se', '', '', '', '', 'Östersund', '', ''],
];

const calls = vi.hoisted(() => ({
  previews: [] as { settings: ImportSettings; filter: PreviewFilter; offset: number }[],
  commits: [] as ImportSettings[],
  undone: [] as string[],
}));

/** What the backend plans for the fair list with these corrections. */
function plan(settings: ImportSettings): RowPlan[] {
  const edited = (index: number, column: number) => settings.edits.find((e) => e.index === index && e.column === column);
  const base = (index: number): RowPlan => ({
    index,
    row: [2, 4, 6, 7][index] ?? 0,
    action: 'create',
    skip: null,
    repeats_row: null,
    joins_row: null,
    label: `${ROWS[index]?.[0]} ${ROWS[index]?.[1]}`,
    existing: null,
    problems: [],
    warnings: [],
    cells: (ROWS[index] ?? []).map((c, col) => edited(index, col)?.value ?? c),
  });
  const omar = base(1);
  if (!edited(1, 3)) Object.assign(omar, { action: 'skip', skip: 'invalid', problems: [{ column: 3, field: 'members[0].phones[0]', kind: 'invalid_phone' }] });
  const sara = base(2);
  if (!edited(2, 8)) Object.assign(sara, { action: 'skip', skip: 'invalid', problems: [{ column: 8, field: 'first_contact', kind: 'invalid_date' }] });
  const britt = { ...base(3), action: 'skip' as const, skip: 'repeats_row' as const, repeats_row: 2 };
  return [base(0), omar, sara, britt];
}

function previewOf(settings: ImportSettings, filter: PreviewFilter): ImportPreview {
  const rows = plan(settings);
  const shown = rows.filter((r) =>
    filter === 'all' ? true : filter === 'flagged' ? r.skip === 'invalid' : r.action === filter,
  );
  return {
    create: rows.filter((r) => r.action === 'create').length,
    update: 0,
    skip: rows.filter((r) => r.action === 'skip').length,
    joined: 0,
    invalid: rows.filter((r) => r.skip === 'invalid').length,
    with_warnings: 0,
    matching: shown.length,
    rows: shown,
  };
}

const ok = <T>(data: T) => Promise.resolve({ status: 'ok' as const, data });

vi.mock('$ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof Ipc>();
  return {
    ...actual,
    commands: {
      ...actual.commands,
      importOpen: (path: string) =>
        path === '/borta.csv'
          ? Promise.resolve({ status: 'error', error: { code: 'validation', message: '', field: 'file', kind: 'no_such_file' } })
          : ok({
              file_name: 'mässlista.csv',
              format: 'csv',
              encoding: 'windows1252',
              delimiter: ';',
              sheet: null,
              sheets: [],
              headers: HEADERS,
              sample: ROWS,
              rows: 4,
              guess: GUESS,
              preset: null,
            }),
      importFields: () => ok([...GUESS, 'household_name', 'adult1_name', 'stage']),
      importPresets: () => ok([]),
      importPreview: (_path: string, settings: ImportSettings, filter: PreviewFilter, offset: number) => {
        calls.previews.push({ settings, filter, offset });
        return ok(previewOf(settings, filter));
      },
      importCommit: (_path: string, settings: ImportSettings) => {
        calls.commits.push(settings);
        const p = previewOf(settings, 'all');
        return ok({
          id: 'b1',
          target: 'households',
          file_name: 'mässlista.csv',
          created_at: '2026-11-24T09:00:00Z',
          created_by: 'Karin Lindgren',
          created: p.create,
          updated: p.update,
          skipped: p.skip,
          undone_at: null,
        });
      },
      undoImport: (id: string) => {
        calls.undone.push(id);
        return ok({ removed: 3, restored: 0, kept: 0 });
      },
      importBatches: () => ok([]),
    },
  };
});

const { default: ImportWizard } = await import('./ImportWizard.svelte');

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;
let changed = 0;

beforeEach(() => {
  setLocale('sv');
  calls.previews.length = 0;
  calls.commits.length = 0;
  calls.undone.length = 0;
  changed = 0;
  target = document.body.appendChild(document.createElement('div'));
  component = mount(ImportWizard, { target, props: { onchanged: () => (changed += 1) } });
  flushSync();
});

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
  target.remove();
});

const find = <T extends HTMLElement = HTMLElement>(id: string): T | null =>
  document.querySelector<T>(`[data-testid="${id}"]`);
const el = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const found = find<T>(id);
  if (!found) throw new Error(`no [data-testid=${id}]`);
  return found;
};
const text = (id: string) => (el(id).textContent ?? '').replace(/\s+/g, ' ').trim();
const step = () => el('import-wizard').dataset.step;

function type(id: string, value: string) {
  const input = el<HTMLInputElement>(id);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

function choose(id: string, value: string) {
  chooseOption(el<HTMLSelectElement>(id), value);
}

function press(id: string) {
  el(id).click();
  flushSync();
}

async function readFile(path = '/data/mässlista.csv') {
  type('import-path', path);
  press('import-read');
  await vi.waitFor(() => expect(find('import-file-summary') ?? find('import-path')?.getAttribute('aria-invalid')).toBeTruthy());
}

async function toPreview() {
  await readFile();
  press('import-next');
  press('import-preview-run');
  await vi.waitFor(() => expect(find('import-count-create')).not.toBeNull());
}

describe('ImportWizard', () => {
  it('says why a path cannot be read, at the path field', async () => {
    await readFile('/borta.csv');
    expect(el('import-path').getAttribute('aria-invalid')).toBe('true');
    expect(target.textContent).toContain('Filen finns inte. Kontrollera sökvägen.');
    expect(find('import-next')).toBeNull();
  });

  it('shows the file as read and the guessed field of every column', async () => {
    await readFile();
    expect(text('import-file-name')).toBe('mässlista.csv');
    expect(text('import-file-rows')).toBe('4');
    expect(el<HTMLSelectElement>('import-encoding').value).toBe('windows1252');
    expect(el<HTMLSelectElement>('import-delimiter').value).toBe('semicolon');
    press('import-next');
    expect(step()).toBe('columns');
    GUESS.forEach((field, i) => expect(el<HTMLSelectElement>(`import-column-${i}`).value, `column ${i}`).toBe(field));
    // Examples from the file, and a readable label for the chosen field.
    expect(target.textContent).toContain('anna@example.se');
    expect(el<HTMLSelectElement>('import-column-2').selectedOptions[0]?.textContent).toBe('Vuxen 1 – e-post');
  });

  it('refuses a field chosen for two columns at the later column, without asking the backend', async () => {
    await readFile();
    press('import-next');
    choose('import-column-2', 'adult1_first_name');
    const select = el<HTMLSelectElement>('import-column-2');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(select.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
      'Fältet är redan valt för kolumnen Förnamn',
    );
    press('import-preview-run');
    await vi.waitFor(() => expect(find('import-columns-error')).not.toBeNull());
    expect(step()).toBe('columns');
    expect(calls.previews).toHaveLength(0);
    choose('import-column-2', 'adult1_email');
    expect(el('import-column-2').getAttribute('aria-invalid')).toBeNull();
  });

  it('previews, fixes the flagged cells in place, imports after a confirm and undoes', async () => {
    await toPreview();
    expect(step()).toBe('preview');
    expect([text('import-count-create'), text('import-count-update'), text('import-count-skip'), text('import-count-invalid')]).toEqual([
      '1',
      '0',
      '3',
      '2',
    ]);
    expect(target.textContent).toContain('Inget sparas förrän du importerar.');
    const rows = document.querySelectorAll<HTMLElement>('[data-testid="import-row"]');
    expect([...rows].map((r) => r.dataset.action)).toEqual(['create', 'skip', 'skip', 'skip']);
    expect(rows[3]?.textContent).toContain('Samma som rad 2.');
    expect(rows[1]?.textContent).toContain('Telefon: Det ser inte ut som ett telefonnummer.');
    expect(text('import-commit')).toBe('Importera 1 hushåll');

    press('import-filter-flagged');
    await vi.waitFor(() => expect(document.querySelectorAll('[data-testid="import-row"]')).toHaveLength(2));
    expect(calls.previews.at(-1)?.filter).toBe('flagged');
    expect(el('import-filter-flagged').getAttribute('aria-pressed')).toBe('true');

    // The problem cells are inputs holding the file's value, labelled with their column.
    const phone = el<HTMLInputElement>('import-edit-1-3');
    expect(phone.value).toBe('12');
    expect(document.querySelector(`label[for="${phone.id}"]`)?.textContent).toContain('Rätta Telefon (kolumn D)');
    type('import-edit-1-3', '070-765 43 21');
    press('import-recheck');
    await vi.waitFor(() => expect(text('import-count-invalid')).toBe('1'));
    expect(calls.previews.at(-1)?.settings.edits).toEqual([{ index: 1, column: 3, value: '070-765 43 21' }]);

    // Enter in a corrected cell checks again too.
    type('import-edit-2-8', '2024-01-10');
    el('import-edit-2-8').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    flushSync();
    await vi.waitFor(() => expect(text('import-count-create')).toBe('3'));
    expect(calls.previews.at(-1)?.settings.edits).toHaveLength(2);
    expect(text('import-commit')).toBe('Importera 3 hushåll');

    press('import-commit');
    await vi.waitFor(() => expect(document.querySelector('dialog[open] [data-testid="import-confirm"]')).not.toBeNull());
    expect(calls.commits).toHaveLength(0);
    press('import-confirm');
    await vi.waitFor(() => expect(find('import-result')).not.toBeNull());
    expect(calls.commits[0]?.edits).toHaveLength(2);
    expect(calls.commits[0]?.columns).toEqual(GUESS);
    expect(text('import-result')).toContain('Skapade: 3. Uppdaterade: 0. Överhoppade rader: 1.');
    expect(changed).toBe(1);

    press('import-undo');
    await vi.waitFor(() => expect(document.querySelector('dialog[open] [data-testid="import-undo-confirm"]')).not.toBeNull());
    press('import-undo-confirm');
    await vi.waitFor(() => expect(find('import-result-undone')).not.toBeNull());
    expect(calls.undone).toEqual(['b1']);
    expect(find('import-undo')).toBeNull();
    expect(changed).toBe(2);
  });

  it('sends tags and the starting stage with the settings', async () => {
    await readFile();
    press('import-next');
    type('import-tags', 'Mässa Göteborg 2024, Import');
    choose('import-stage', 'contacted');
    choose('import-match-on', 'name');
    choose('import-on-match', 'skip');
    press('import-preview-run');
    await vi.waitFor(() => expect(calls.previews).toHaveLength(1));
    const s = calls.previews[0]?.settings;
    expect(s?.tags).toEqual(['Mässa Göteborg 2024', 'Import']);
    expect(s?.stage).toBe('contacted');
    expect([s?.match_on, s?.on_match]).toEqual(['name', 'skip']);
  });
});
