/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import process from 'node:process';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImportField, ImportPreset, ImportPreview, RowPlan } from '$ipc';
import { en } from '$lib/i18n/en';
import { setLocale } from '$lib/i18n/index.svelte';
import { sv } from '$lib/i18n/sv';
import {
  ENCODINGS,
  FIELD_LABEL,
  actionBadge,
  buildSettings,
  columnLetter,
  columnName,
  columnOfError,
  commitCount,
  delimiterChar,
  delimiterCode,
  duplicateColumns,
  editFor,
  existingHref,
  fieldOptions,
  filterCount,
  hasNameColumn,
  headerKey,
  pageInfo,
  parseTags,
  presetColumns,
  problemColumns,
  problemText,
  rowOfError,
  sampleValues,
  setEdit,
  problemSentence,
  skipText,
  undoText,
} from './import';

beforeEach(() => {
  localStorage.clear();
  setLocale('sv');
});

/** The members of a string union in the generated bindings, read from the file itself. */
function unionOf(typeName: string): string[] {
  const bindings = readFileSync(resolve(process.cwd(), 'src/ipc/bindings.ts'), 'utf8');
  const m = new RegExp(`export type ${typeName} = ([^;]+);`).exec(bindings);
  expect(m, `bindings.ts declares ${typeName}`).not.toBeNull();
  return [...(m?.[1] ?? '').matchAll(/"([a-z0-9_]+)"/g)].map((x) => x[1] ?? '');
}

function row(overrides: Partial<RowPlan> = {}): RowPlan {
  return {
    index: 0,
    row: 2,
    action: 'create',
    skip: null,
    repeats_row: null,
    joins_row: null,
    label: 'Anna Lind',
    existing: null,
    problems: [],
    warnings: [],
    cells: [],
    ...overrides,
  };
}

const preview = (p: Partial<ImportPreview>): ImportPreview => ({
  create: 0,
  update: 0,
  skip: 0,
  joined: 0,
  invalid: 0,
  with_warnings: 0,
  matching: 0,
  rows: [],
  ...p,
});

describe('field labels', () => {
  it('names every field the backend has, in Swedish and English, each differently within a target', () => {
    const fields = unionOf('ImportField');
    expect(fields.length).toBeGreaterThan(30);
    expect(Object.keys(FIELD_LABEL).sort()).toEqual([...fields].sort());
    for (const dict of [sv, en] as Record<string, string>[]) {
      for (const f of fields) expect(dict[FIELD_LABEL[f as ImportField]], f).toMatch(/\S/);
      // Fields of one target are told apart by their prefix; households have the rest.
      const targets = ['organisation_', 'contact_', 'event_'];
      const groups = [
        ...targets.map((p) => fields.filter((f) => f.startsWith(p))),
        fields.filter((f) => !targets.some((p) => f.startsWith(p))),
      ];
      for (const group of groups) {
        const labels = group.map((f) => dict[FIELD_LABEL[f as ImportField]]);
        expect(new Set(labels).size, `two fields of one target share a label: ${group.join(', ')}`).toBe(labels.length);
      }
    }
  });

  it('offers every encoding the backend reads', () => {
    expect([...ENCODINGS].sort()).toEqual(unionOf('FileEncoding').sort());
  });

  it('groups the options under adult 1, adult 2 and so on, keeping the backend order inside a group', () => {
    const options = fieldOptions(['household_name', 'adult1_name', 'adult1_email', 'adult2_name', 'children_ages', 'municipalities']);
    expect(options.map((o) => o.value)).toEqual([
      'household_name',
      'municipalities',
      'adult1_name',
      'adult1_email',
      'adult2_name',
      'children_ages',
    ]);
    expect(options[0]?.group).toBe('Hushållet');
    expect(options[2]).toEqual({ value: 'adult1_name', label: 'Vuxen 1 – hela namnet', group: 'Vuxen 1' });
    // Organisations have one group: no heading is needed.
    expect(fieldOptions(['organisation_name', 'organisation_kind']).every((o) => o.group === undefined)).toBe(true);
  });
});

describe('columns', () => {
  it('points a field chosen twice at the column that has it first', () => {
    expect(duplicateColumns(['adult1_name', null, 'adult1_email', 'adult1_name', 'adult1_email', null])).toEqual([
      null,
      null,
      null,
      0,
      2,
      null,
    ]);
    expect(duplicateColumns([null, null])).toEqual([null, null]);
  });

  it('requires a column naming the household or the organisation', () => {
    expect(hasNameColumn('households', ['adult1_email', null])).toBe(false);
    expect(hasNameColumn('households', ['adult1_email', 'adult1_last_name'])).toBe(true);
    expect(hasNameColumn('households', ['household_name'])).toBe(true);
    expect(hasNameColumn('organisations', ['organisation_email'])).toBe(false);
    expect(hasNameColumn('organisations', ['organisation_name'])).toBe(true);
  });

  it('reduces headers as the backend does, and maps a preset by header wherever the column is', () => {
    expect(headerKey('E-post (Vuxen 1)')).toBe('epostvuxen1');
    expect(headerKey('Första kontakt')).toBe('förstakontakt');
    const preset: ImportPreset = {
      id: 'p',
      name: 'Mässlistan',
      target: 'households',
      mapping: {
        columns: [
          ['kontakt', 'adult1_name'],
          ['mejladress', 'adult1_email'],
        ],
        match_on: 'contact',
        on_match: 'skip',
      },
    };
    expect(presetColumns(['Xyz', 'Kontakt', 'Mejl-adress', 'KONTAKT'], preset)).toEqual([
      null,
      'adult1_name',
      'adult1_email',
      null,
    ]);
  });

  it('names columns as a spreadsheet does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
    expect(columnName(['Namn', '  '], 0)).toBe('Namn');
    expect(columnName(['Namn', '  '], 1)).toBe('Kolumn B');
  });

  it('shows a few distinct, non-blank examples, long ones cut', () => {
    const sample = [
      ['Anna', ''],
      ['Anna', 'x'.repeat(60)],
      ['Omar', ''],
      ['Sara', ''],
      ['Britt', ''],
    ];
    expect(sampleValues(sample, 0)).toEqual(['Anna', 'Omar', 'Sara']);
    expect(sampleValues(sample, 1)).toEqual([`${'x'.repeat(39)}…`]);
    expect(sampleValues(sample, 5)).toEqual([]);
    expect(sampleValues([['Träffades på mässan\r\ni Göteborg']], 0)).toEqual(['Träffades på mässan i Göteborg']);
  });
});

describe('settings', () => {
  it('sends tags and a stage for households only, and detects what is not chosen', () => {
    const base = {
      read: { encoding: null, delimiter: ';', sheet: null },
      columns: ['adult1_name', null] as (ImportField | null)[],
      matchOn: 'contact' as const,
      onMatch: 'update' as const,
      edits: [{ index: 1, column: 3, value: '070-765 43 21' }],
      tagsText: ' Mässa 2024, göteborg ;Göteborg,, ',
      stage: 'contacted' as const,
    };
    expect(buildSettings({ ...base, target: 'households' })).toEqual({
      target: 'households',
      read: { encoding: null, delimiter: ';', sheet: null },
      columns: ['adult1_name', null],
      match_on: 'contact',
      on_match: 'update',
      edits: [{ index: 1, column: 3, value: '070-765 43 21' }],
      tags: ['Mässa 2024', 'göteborg'],
      stage: 'contacted',
    });
    const org = buildSettings({ ...base, target: 'organisations' });
    expect(org.tags).toEqual([]);
    expect(org.stage).toBeNull();
  });

  it('splits tags on commas and semicolons, each once', () => {
    expect(parseTags('')).toEqual([]);
    expect(parseTags('A; b, a ,B')).toEqual(['A', 'b']);
  });

  it('keeps one edit per cell, the latest', () => {
    let edits = setEdit([], 1, 3, '070');
    edits = setEdit(edits, 2, 8, '2024-01-10');
    edits = setEdit(edits, 1, 3, '070-765 43 21');
    expect(edits).toHaveLength(2);
    expect(editFor(edits, 1, 3)).toBe('070-765 43 21');
    expect(editFor(edits, 2, 8)).toBe('2024-01-10');
    expect(editFor(edits, 2, 3)).toBeUndefined();
  });

  it('maps the delimiter to a code an option value can hold, and back', () => {
    expect(delimiterCode(';')).toBe('semicolon');
    expect(delimiterCode('\t')).toBe('tab');
    expect(delimiterCode(null)).toBeNull();
    expect(delimiterChar('tab')).toBe('\t');
    expect(delimiterChar('comma')).toBe(',');
  });

  it('reads the column and the row out of an error field', () => {
    expect(columnOfError('columns[3]')).toBe(3);
    expect(columnOfError('columns')).toBeNull();
    expect(columnOfError(null)).toBeNull();
    expect(rowOfError('file.row[12]')).toBe(12);
    expect(rowOfError('file')).toBeNull();
  });
});

describe('the preview in words', () => {
  it('counts per filter; flagged is problems plus warnings; the import writes created and updated', () => {
    const p = preview({ create: 3, update: 2, skip: 4, invalid: 1, with_warnings: 2 });
    expect(filterCount(p, 'all')).toBe(9);
    expect(filterCount(p, 'create')).toBe(3);
    expect(filterCount(p, 'update')).toBe(2);
    expect(filterCount(p, 'skip')).toBe(4);
    expect(filterCount(p, 'flagged')).toBe(3);
    expect(commitCount(p)).toBe(5);
  });

  it('names the column of a problem and words the special ones for imported cells', () => {
    const headers = ['Förnamn', 'Telefon', 'Första kontakt'];
    expect(problemText({ column: 1, field: 'members[0].phones[0]', kind: 'invalid_phone' }, headers)).toBe(
      'Telefon: Det ser inte ut som ett telefonnummer.',
    );
    expect(problemText({ column: 2, field: 'first_contact', kind: 'invalid_date' }, headers)).toMatch(
      /^Första kontakt: Datumet kan inte läsas eller ligger i framtiden/,
    );
    expect(problemText({ column: null, field: 'members', kind: 'no_adult' }, headers)).toBe(
      'Ett hushåll behöver minst en vuxen.',
    );
    expect(problemText({ column: 0, field: 'adult2.birth_year', kind: 'impossible_birth_year' }, headers)).toBe(
      'Förnamn: Födelseåret är inte rimligt.',
    );
  });

  it('says why a row is skipped, including which earlier row it repeats', () => {
    expect(skipText(row({ action: 'skip', skip: 'repeats_row', repeats_row: 2 }))).toBe('Samma som rad 2.');
    expect(skipText(row({ action: 'skip', skip: 'exists' }))).toMatch(/Finns redan/);
    expect(skipText(row({ action: 'skip', skip: 'blank' }))).toBe('Tom rad.');
    expect(skipText(row())).toBe('');
    setLocale('en');
    expect(skipText(row({ action: 'skip', skip: 'repeats_row', repeats_row: 1200 }))).toBe('Same as row 1,200.');
  });

  it('marks a row skipped for problems apart from one skipped on purpose', () => {
    expect(actionBadge(row({ action: 'skip', skip: 'invalid' }))).toEqual({ label: 'Har problem', tone: 'danger' });
    expect(actionBadge(row({ action: 'skip', skip: 'exists' }))).toEqual({ label: 'Hoppas över', tone: 'neutral' });
    expect(actionBadge(row({ action: 'update' })).label).toBe('Uppdateras');
    expect(actionBadge(row()).tone).toBe('accent');
  });

  it('shows a person row that joins an earlier row’s household, and counts it under all', () => {
    expect(actionBadge(row({ row: 4, joins_row: 2 }))).toEqual({ label: 'Med i hushållet på rad 2', tone: 'accent' });
    expect(actionBadge(row({ action: 'update', joins_row: 2 })).tone).toBe('welcome');
    expect(
      skipText(row({ action: 'skip', skip: 'with_row', joins_row: 7 })),
      'a person whose household row is skipped says so',
    ).toBe('Hushållet på rad 7 hoppas över, och personen med det.');
    expect(actionBadge(row({ action: 'skip', skip: 'with_row', joins_row: 7 })).label).toBe('Hoppas över');
    const p = preview({ create: 2, skip: 1, joined: 3 });
    expect(filterCount(p, 'all')).toBe(6);
    expect(filterCount(p, 'create'), 'households, not their people').toBe(2);
    expect(problemSentence({ column: 3, field: 'role', kind: 'unknown_value' })).toMatch(/^Okänd roll/);
  });

  it('lists the columns of a row’s problems once each', () => {
    const r = row({
      problems: [
        { column: 8, field: 'first_contact', kind: 'invalid_date' },
        { column: 3, field: 'members[0].phones[0]', kind: 'invalid_phone' },
        { column: 3, field: 'members[0].phones[1]', kind: 'invalid_phone' },
        { column: null, field: 'members', kind: 'no_adult' },
      ],
    });
    expect(problemColumns(r)).toEqual([3, 8]);
  });

  it('pages through the rows a filter matches', () => {
    expect(pageInfo(0, 100, 250)).toEqual({ from: 1, to: 100, total: 250, previous: false, next: true });
    expect(pageInfo(200, 50, 250)).toEqual({ from: 201, to: 250, total: 250, previous: true, next: false });
    expect(pageInfo(0, 0, 0)).toEqual({ from: 0, to: 0, total: 0, previous: false, next: false });
  });

  it('links a matched record to its page', () => {
    expect(existingHref('households', 'h1')).toBe('#/households/h1');
    expect(existingHref('organisations', 'o 1')).toBe('#/organisations/o%201');
  });

  it('sums up an undo, naming fields kept because they changed later', () => {
    expect(undoText({ removed: 3, restored: 0, kept: 0 })).toBe('Importen är ångrad. Borttagna: 3. Återställda: 0.');
    expect(undoText({ removed: 0, restored: 1, kept: 2 })).toBe(
      'Importen är ångrad. Borttagna: 0. Återställda: 1. Fält som hade ändrats efter importen och behölls: 2.',
    );
  });
});
