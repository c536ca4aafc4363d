// Pure helpers for the import wizard: the words for fields, encodings and row plans, the
// settings sent to the backend, cell corrections and the checks made before asking it.
// The backend plans every row (crates/landa-core/src/import.rs); nothing here second-guesses
// that plan, it only prepares the question and words the answer.
import type {
  CellEdit,
  FileEncoding,
  ImportField,
  ImportPreset,
  ImportPreview,
  ImportSettings,
  ImportTarget,
  MatchOn,
  OnMatch,
  PreviewFilter,
  ReadChoice,
  RowAction,
  RowPlan,
  RowProblem,
  Stage,
  UndoSummary,
  ValidationKind,
  WarningDto,
} from '$ipc';
import type { BadgeTone, SelectOption } from '$lib/components/types';
import { t, type PlainMessageKey } from '$lib/i18n/index.svelte';
import { href } from '$lib/routes';
import { validationLabel } from '$lib/vocab';

/** Rows per page of the preview. */
export const PAGE_SIZE = 100;

export const TARGETS: readonly ImportTarget[] = ['households', 'organisations', 'contact_persons', 'events'];

export const TARGET_LABEL: Readonly<Record<ImportTarget, PlainMessageKey>> = {
  households: 'import.target.households',
  organisations: 'import.target.organisations',
  contact_persons: 'import.target.contactPersons',
  events: 'import.target.events',
};

/** Every field a column can fill, as the wizard names it. */
export const FIELD_LABEL: Readonly<Record<ImportField, PlainMessageKey>> = {
  household_name: 'import.field.household_name',
  adult1_name: 'import.field.adult1_name',
  adult1_first_name: 'import.field.adult1_first_name',
  adult1_last_name: 'import.field.adult1_last_name',
  adult1_email: 'import.field.adult1_email',
  adult1_phone: 'import.field.adult1_phone',
  adult1_profession: 'import.field.adult1_profession',
  adult1_birth_year: 'import.field.adult1_birth_year',
  adult1_languages: 'import.field.adult1_languages',
  adult2_name: 'import.field.adult2_name',
  adult2_first_name: 'import.field.adult2_first_name',
  adult2_last_name: 'import.field.adult2_last_name',
  adult2_email: 'import.field.adult2_email',
  adult2_phone: 'import.field.adult2_phone',
  adult2_profession: 'import.field.adult2_profession',
  adult2_birth_year: 'import.field.adult2_birth_year',
  adult2_languages: 'import.field.adult2_languages',
  children_birth_years: 'import.field.children_birth_years',
  children_ages: 'import.field.children_ages',
  municipalities: 'import.field.municipalities',
  source: 'import.field.source',
  tags: 'import.field.tags',
  notes: 'import.field.notes',
  interests: 'import.field.interests',
  stage: 'import.field.stage',
  first_contact: 'import.field.first_contact',
  household_key: 'import.field.household_key',
  member_role: 'import.field.member_role',
  organisation_name: 'import.field.organisation_name',
  organisation_kind: 'import.field.organisation_kind',
  organisation_municipality: 'import.field.organisation_municipality',
  organisation_website: 'import.field.organisation_website',
  organisation_email: 'import.field.organisation_email',
  organisation_phone: 'import.field.organisation_phone',
  organisation_participating: 'import.field.organisation_participating',
  organisation_notes: 'import.field.organisation_notes',
  contact_organisation: 'import.field.contact_organisation',
  contact_name: 'import.field.contact_name',
  contact_role: 'import.field.contact_role',
  contact_title: 'import.field.contact_title',
  contact_email: 'import.field.contact_email',
  contact_phone: 'import.field.contact_phone',
  contact_notes: 'import.field.contact_notes',
  event_name: 'import.field.event_name',
  event_kind: 'import.field.event_kind',
  event_starts_on: 'import.field.event_starts_on',
  event_ends_on: 'import.field.event_ends_on',
  event_place: 'import.field.event_place',
  event_cost: 'import.field.event_cost',
  event_four_t: 'import.field.event_four_t',
  event_outside_region: 'import.field.event_outside_region',
  event_notes: 'import.field.event_notes',
};

type FieldGroup = 'household' | 'adult1' | 'adult2' | 'children' | 'person' | 'organisation';

const GROUP_LABEL: Readonly<Record<FieldGroup, PlainMessageKey>> = {
  household: 'import.group.household',
  adult1: 'import.group.adult1',
  adult2: 'import.group.adult2',
  children: 'import.group.children',
  person: 'import.group.person',
  organisation: 'import.group.organisation',
};

function groupOf(field: ImportField): FieldGroup {
  if (field.startsWith('adult1_')) return 'adult1';
  if (field.startsWith('adult2_')) return 'adult2';
  if (field.startsWith('children_')) return 'children';
  if (field === 'household_key' || field === 'member_role') return 'person';
  if (field.startsWith('organisation_')) return 'organisation';
  return 'household';
}

export const fieldLabel = (field: ImportField): string => t(FIELD_LABEL[field]);

/**
 * The options of a column's select: the backend's fields in its order, gathered under their
 * group (the household's own fields, adult 1, adult 2, children), groups in the order they
 * first appear.
 */
export function fieldOptions(fields: readonly ImportField[]): SelectOption<ImportField>[] {
  const groups: FieldGroup[] = [];
  for (const f of fields) if (!groups.includes(groupOf(f))) groups.push(groupOf(f));
  const single = groups.length === 1;
  return groups.flatMap((g) =>
    fields
      .filter((f) => groupOf(f) === g)
      .map((f) => ({ value: f, label: fieldLabel(f), ...(single ? {} : { group: t(GROUP_LABEL[g]) }) })),
  );
}

export const ENCODINGS: readonly FileEncoding[] = ['utf8', 'utf8_bom', 'windows1252', 'utf16_le', 'utf16_be'];

export const ENCODING_LABEL: Readonly<Record<FileEncoding, PlainMessageKey>> = {
  utf8: 'import.encoding.utf8',
  utf8_bom: 'import.encoding.utf8_bom',
  windows1252: 'import.encoding.windows1252',
  utf16_le: 'import.encoding.utf16_le',
  utf16_be: 'import.encoding.utf16_be',
};

/** Delimiters by a name that survives an HTML option value (a tab would not). */
export type DelimiterCode = 'semicolon' | 'comma' | 'tab';
export const DELIMITERS: readonly DelimiterCode[] = ['semicolon', 'comma', 'tab'];
const DELIMITER_CHAR: Readonly<Record<DelimiterCode, string>> = { semicolon: ';', comma: ',', tab: '\t' };
export const DELIMITER_LABEL: Readonly<Record<DelimiterCode, PlainMessageKey>> = {
  semicolon: 'import.delimiter.semicolon',
  comma: 'import.delimiter.comma',
  tab: 'import.delimiter.tab',
};

export function delimiterCode(char: string | null): DelimiterCode | null {
  return DELIMITERS.find((d) => DELIMITER_CHAR[d] === char || (char === 'tab' && d === 'tab')) ?? null;
}

export const delimiterChar = (code: DelimiterCode): string => DELIMITER_CHAR[code];

/** "CSV" or "Excel (XLSX)": the format the backend found. */
export function formatLabel(format: string): string {
  return format === 'xlsx' ? t('import.format.xlsx') : t('import.format.csv');
}

export const MATCH_ON: readonly MatchOn[] = ['contact', 'name', 'nothing'];
export const MATCH_ON_LABEL: Readonly<Record<MatchOn, PlainMessageKey>> = {
  contact: 'import.matchOn.contact',
  name: 'import.matchOn.name',
  nothing: 'import.matchOn.nothing',
};
export const ON_MATCH: readonly OnMatch[] = ['update', 'skip'];
export const ON_MATCH_LABEL: Readonly<Record<OnMatch, PlainMessageKey>> = {
  update: 'import.onMatch.update',
  skip: 'import.onMatch.skip',
};

/** A header as the backend compares it: lower case, letters and digits only (å/ä/ö kept). */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The columns a saved preset gives these headers: by header, wherever the column is. */
export function presetColumns(headers: readonly string[], preset: ImportPreset): (ImportField | null)[] {
  const used: ImportField[] = [];
  return headers.map((h) => {
    const key = headerKey(h);
    const found = preset.mapping.columns.find(([k, f]) => k === key && !used.includes(f));
    if (!found) return null;
    used.push(found[1]);
    return found[1];
  });
}

/**
 * Per column: the earlier column that already fills the same field, or null. The backend
 * refuses a field chosen twice; the wizard says which column has it first.
 */
export function duplicateColumns(columns: readonly (ImportField | null)[]): (number | null)[] {
  return columns.map((field, i) => {
    if (field === null) return null;
    const first = columns.indexOf(field);
    return first < i ? first : null;
  });
}

const NAME_FIELDS: Readonly<Record<ImportTarget, readonly ImportField[]>> = {
  households: ['adult1_name', 'adult1_first_name', 'adult1_last_name', 'household_name'],
  organisations: ['organisation_name'],
  contact_persons: ['contact_name'],
  events: ['event_name'],
};

/** Every field a target cannot do without (beyond the name checked above). */
const REQUIRED_FIELDS: Readonly<Record<ImportTarget, readonly ImportField[]>> = {
  households: [],
  organisations: [],
  contact_persons: ['contact_organisation'],
  events: ['event_starts_on'],
};

/** Whether some column names the household or the organisation (the backend requires one). */
export function hasNameColumn(target: ImportTarget, columns: readonly (ImportField | null)[]): boolean {
  return (
    columns.some((c) => c !== null && NAME_FIELDS[target].includes(c)) &&
    REQUIRED_FIELDS[target].every((f) => columns.includes(f))
  );
}

/** Tags typed as "Mässa 2024, Göteborg": trimmed, no blanks, each once (ignoring case). */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,;]/)) {
    const tag = part.trim();
    if (tag !== '' && !out.some((o) => o.toLowerCase() === tag.toLowerCase())) out.push(tag);
  }
  return out;
}

export interface WizardChoices {
  target: ImportTarget;
  read: ReadChoice;
  columns: readonly (ImportField | null)[];
  matchOn: MatchOn;
  onMatch: OnMatch;
  edits: readonly CellEdit[];
  tagsText: string;
  stage: Stage | null;
}

/** The settings preview and commit are asked with. Tags and stage are for households only. */
export function buildSettings(c: WizardChoices): ImportSettings {
  const households = c.target === 'households';
  return {
    target: c.target,
    read: { encoding: c.read.encoding ?? null, delimiter: c.read.delimiter ?? null, sheet: c.read.sheet ?? null },
    columns: [...c.columns],
    match_on: c.matchOn,
    on_match: c.onMatch,
    edits: c.edits.map((e) => ({ ...e })),
    tags: households ? parseTags(c.tagsText) : [],
    stage: households ? c.stage : null,
  };
}

/** The edits with the cell (`index`, `column`) set to `value`, replacing an earlier edit of it. */
export function setEdit(edits: readonly CellEdit[], index: number, column: number, value: string): CellEdit[] {
  const rest = edits.filter((e) => e.index !== index || e.column !== column);
  return [...rest, { index, column, value }];
}

/** The value the user gave a cell, if any. */
export function editFor(edits: readonly CellEdit[], index: number, column: number): string | undefined {
  return edits.find((e) => e.index === index && e.column === column)?.value;
}

/** The columns of a row's problems, each once, in column order. */
export function problemColumns(row: RowPlan): number[] {
  const cols = row.problems.map((p) => p.column).filter((c): c is number => c !== null);
  return [...new Set(cols)].sort((a, b) => a - b);
}

/** "A", "B", … "Z", "AA": the column as a spreadsheet names it. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A header to show: the file's own, or "Kolumn C" when the header cell is blank. */
export function columnName(headers: readonly string[], column: number): string {
  const h = headers[column]?.trim() ?? '';
  return h === '' ? t('import.column.unnamed', { letter: columnLetter(column) }) : h;
}

/** Problems whose general sentence would mislead for an imported cell. */
const PROBLEM_TEXT: Readonly<Record<string, Partial<Record<ValidationKind, PlainMessageKey>>>> = {
  first_contact: { invalid_date: 'import.problem.firstContact' },
  stage: { unknown_value: 'import.problem.stage' },
  kind: { unknown_value: 'import.problem.orgKind' },
  participating: { unknown_value: 'import.problem.participating' },
  children: { impossible_age: 'import.problem.childAge' },
  role: { unknown_value: 'import.problem.memberRole' },
};

/** What is wrong, in words. */
export function problemSentence(problem: RowProblem): string {
  const base = problem.field.replace(/^adult\d\./, '');
  const special = PROBLEM_TEXT[base]?.[problem.kind];
  return special ? t(special) : validationLabel(problem.kind);
}

/** "Telefon: Det ser inte ut som ett telefonnummer." – naming the column the problem is in. */
export function problemText(problem: RowProblem, headers: readonly string[]): string {
  const sentence = problemSentence(problem);
  if (problem.column === null) return sentence;
  return t('import.problem.inColumn', { column: columnName(headers, problem.column), problem: sentence });
}

export function warningText(warning: WarningDto): string {
  return warning.code === 'odd_email' ? t('import.warning.odd_email') : t('import.warning.other');
}

/** Why a row is skipped, in words; empty for rows that are imported. */
export function skipText(row: RowPlan): string {
  switch (row.skip) {
    case 'exists':
      return t('import.skip.exists');
    case 'repeats_row':
      return row.repeats_row === null ? t('import.skip.repeatsEarlier') : t('import.skip.repeats', { row: row.repeats_row });
    case 'blank':
      return t('import.skip.blank');
    case 'invalid':
      return t('import.skip.invalid');
    case 'with_row':
      return t('import.skip.withRow', { row: row.joins_row ?? 0 });
    default:
      return '';
  }
}

export const ACTION_LABEL: Readonly<Record<RowAction, PlainMessageKey>> = {
  create: 'import.action.create',
  update: 'import.action.update',
  skip: 'import.action.skip',
};

/** The badge of a row: a row skipped for its problems stands out from one skipped on purpose. */
export function actionBadge(row: RowPlan): { label: string; tone: BadgeTone } {
  if (row.skip === 'invalid') return { label: t('import.action.invalid'), tone: 'danger' };
  const tone: BadgeTone = row.action === 'create' ? 'accent' : row.action === 'update' ? 'welcome' : 'neutral';
  // One row per person: a person added to the household of an earlier row.
  if (row.joins_row !== null && row.skip === null) {
    return { label: t('import.action.joins', { row: row.joins_row }), tone };
  }
  return { label: t(ACTION_LABEL[row.action]), tone };
}

export const PREVIEW_FILTERS: readonly PreviewFilter[] = ['all', 'create', 'update', 'skip', 'flagged'];

/** How many rows a filter shows. Flagged rows are those with problems plus those with warnings. */
export function filterCount(preview: ImportPreview, filter: PreviewFilter): number {
  switch (filter) {
    case 'all':
      return preview.create + preview.update + preview.skip + preview.joined;
    case 'create':
      return preview.create;
    case 'update':
      return preview.update;
    case 'skip':
      return preview.skip;
    case 'flagged':
      return preview.invalid + preview.with_warnings;
  }
}

/** Rows an import would write. */
export const commitCount = (preview: ImportPreview): number => preview.create + preview.update;

/** The first and last row shown (1-based) of a page, and whether there are pages around it. */
export function pageInfo(offset: number, shown: number, matching: number) {
  return {
    from: shown === 0 ? 0 : offset + 1,
    to: offset + shown,
    total: matching,
    previous: offset > 0,
    next: offset + shown < matching,
  };
}

/** Where the record a row matches is opened (a contact person: the organisations list). */
export function existingHref(target: ImportTarget, id: string): string {
  switch (target) {
    case 'households':
      return href({ name: 'households-detail', id });
    case 'organisations':
      return href({ name: 'organisations-detail', id });
    case 'contact_persons':
      return href({ name: 'organisations' });
    case 'events':
      return href({ name: 'events-detail', id });
  }
}

/** The commit button: "Importera 3 hushåll". */
export function commitLabel(target: ImportTarget, n: number): string {
  switch (target) {
    case 'households':
      return n === 1 ? t('import.commit.oneHousehold') : t('import.commit.households', { count: n });
    case 'organisations':
      return n === 1 ? t('import.commit.oneOrganisation') : t('import.commit.organisations', { count: n });
    case 'contact_persons':
      return n === 1 ? t('import.commit.oneContact') : t('import.commit.contacts', { count: n });
    case 'events':
      return n === 1 ? t('import.commit.oneEvent') : t('import.commit.events', { count: n });
  }
}

/** The headline after a commit. */
export function doneText(target: ImportTarget, counts: { created: number; updated: number; skipped: number }): string {
  switch (target) {
    case 'households':
      return t('import.done.households', counts);
    case 'organisations':
      return t('import.done.organisations', counts);
    case 'contact_persons':
      return t('import.done.contacts', counts);
    case 'events':
      return t('import.done.events', counts);
  }
}

/** Where to go after a commit, and the link's words. */
export function doneLink(target: ImportTarget): { href: string; label: string } {
  switch (target) {
    case 'households':
      return { href: href({ name: 'households' }), label: t('import.done.showHouseholds') };
    case 'organisations':
    case 'contact_persons':
      return { href: href({ name: 'organisations' }), label: t('import.done.showOrganisations') };
    case 'events':
      return { href: href({ name: 'events' }), label: t('import.done.showEvents') };
  }
}

/** What undoing a batch does, for its confirm dialog. */
export function undoBody(target: ImportTarget, b: { file: string; created: number; updated: number }): string {
  switch (target) {
    case 'households':
      return t('import.undo.bodyHouseholds', b);
    case 'organisations':
      return t('import.undo.bodyOrganisations', b);
    case 'contact_persons':
      return t('import.undo.bodyContacts', b);
    case 'events':
      return t('import.undo.bodyEvents', b);
  }
}

/** The preview's explanation and the heading of its label column. */
export function previewWords(target: ImportTarget): { explain: string; column: string } {
  switch (target) {
    case 'households':
      return { explain: t('import.preview.explain'), column: t('import.preview.col.household') };
    case 'organisations':
      return { explain: t('import.preview.explainOrg'), column: t('import.preview.col.organisation') };
    case 'contact_persons':
      return { explain: t('import.preview.explainContacts'), column: t('import.preview.col.contact') };
    case 'events':
      return { explain: t('import.preview.explainEvents'), column: t('import.preview.col.event') };
  }
}

/** What to say when the columns lack what the target needs. */
export function needNameText(target: ImportTarget): string {
  switch (target) {
    case 'households':
      return t('import.columns.needName');
    case 'organisations':
      return t('import.columns.needOrgName');
    case 'contact_persons':
      return t('import.columns.needContactName');
    case 'events':
      return t('import.columns.needEventName');
  }
}

const SAMPLE_CHARS = 40;

/** Up to `n` different, non-blank example values of a column, long ones cut. */
export function sampleValues(sample: readonly (readonly string[])[], column: number, n = 3): string[] {
  const out: string[] = [];
  for (const row of sample) {
    const raw = (row[column] ?? '').replace(/\s+/g, ' ').trim();
    if (raw === '') continue;
    const value = raw.length > SAMPLE_CHARS ? `${raw.slice(0, SAMPLE_CHARS - 1)}…` : raw;
    if (!out.includes(value)) out.push(value);
    if (out.length === n) break;
  }
  return out;
}

/** The column a backend error about `columns[3]` points at. */
export function columnOfError(field: string | null): number | null {
  const m = /^columns\[(\d+)\]$/.exec(field ?? '');
  return m ? Number(m[1]) : null;
}

/** The spreadsheet row a read error points at (`file.row[12]`). */
export function rowOfError(field: string | null): number | null {
  const m = /^file\.row\[(\d+)\]$/.exec(field ?? '');
  return m ? Number(m[1]) : null;
}

/** "3 hushåll togs bort, 1 sattes tillbaka. 2 fält behölls …" */
export function undoText(summary: UndoSummary): string {
  const done = t('import.undo.done', { removed: summary.removed, restored: summary.restored });
  return summary.kept === 0 ? done : `${done} ${t('import.undo.kept', { kept: summary.kept })}`;
}
