// The duplicate scan's pairs and the merge screen's choices, as pure functions: which pairs a
// filter shows, what merging or dismissing a pair means for the backend, which value of each
// field wins by default, and what a merge moves, in words.
import {
  errorMessage,
  type ApiError,
  type DuplicatePair,
  type MergeEntity,
  type MergeField,
  type MergeMove,
  type OrgKind,
  type PairEntity,
  type Stage,
  type TimeFrame,
  type UndoSummary,
} from '$ipc';
import { locale, t, type PlainMessageKey } from '$lib/i18n/index.svelte';
import type { Route } from '$lib/routes';
import { STAGES, TIME_FRAMES, memberRoleLabel, orgKindLabel, stageLabel, timeFrameLabel, validationLabel } from '$lib/vocab';

// ---------------------------------------------------------------------------------------------
// The list of pairs

export const PAIR_FILTERS = ['all', 'household', 'person'] as const;
export type PairFilter = (typeof PAIR_FILTERS)[number];

/** How many pairs the page asks for (the backend gives at most 500). */
export const SCAN_LIMIT = 200;

/** A stable key for a pair: the two people the evidence is about, in the scan's order. */
export function pairKey(pair: DuplicatePair): string {
  return `${pair.level}:${pair.a.person.id}:${pair.b.person.id}`;
}

export function filterPairs(pairs: readonly DuplicatePair[], filter: PairFilter): DuplicatePair[] {
  return filter === 'all' ? [...pairs] : pairs.filter((p) => p.level === filter);
}

export function pairCounts(pairs: readonly DuplicatePair[]): Record<PairFilter, number> {
  const household = pairs.filter((p) => p.level === 'household').length;
  return { all: pairs.length, household, person: pairs.length - household };
}

/**
 * What "Inte dubbletter" remembers: two households, or two people of one household, by the ids
 * the backend's `mark_not_duplicates` takes.
 */
export function notDuplicatesArgs(pair: DuplicatePair): { entity: PairEntity; a: string; b: string } {
  return pair.level === 'household'
    ? { entity: 'households', a: pair.a.household.id, b: pair.b.household.id }
    : { entity: 'persons', a: pair.a.person.id, b: pair.b.person.id };
}

/** The merge screen for a pair: the first side is kept unless the coordinator swaps. */
export function mergeRoute(pair: DuplicatePair): Extract<Route, { name: 'duplicates-merge' }> {
  return pair.level === 'household'
    ? { name: 'duplicates-merge', entity: 'households', kept: pair.a.household.id, merged: pair.b.household.id, household: null }
    : { name: 'duplicates-merge', entity: 'persons', kept: pair.a.person.id, merged: pair.b.person.id, household: pair.a.household.id };
}

/**
 * The merge screen for two organisations, opened from the first one's page: it is kept, and the
 * one picked there goes up in it. Organisations have no duplicate scan; this is their way in.
 */
export function organisationMergeRoute(
  keptId: string,
  mergedId: string,
): Extract<Route, { name: 'duplicates-merge' }> {
  return { name: 'duplicates-merge', entity: 'organisations', kept: keptId, merged: mergedId, household: null };
}

/**
 * Where "back" and "Avbryt" on the merge screen lead: to the page the merge was started from.
 * Organisations start on their own page (the one first kept, whichever side is kept now);
 * households and people start in the duplicate scan.
 */
export function mergeBackRoute(entity: MergeEntity, startedFrom: string): Route {
  return entity === 'organisations' ? { name: 'organisations-detail', id: startedFrom } : { name: 'duplicates' };
}

/** Where the coordinator lands after a merge: the record that was kept. */
export function afterMergeRoute(
  entity: MergeEntity,
  keptId: string,
  household: string | null,
): Route {
  switch (entity) {
    case 'households':
      return { name: 'households-detail', id: keptId };
    case 'organisations':
      return { name: 'organisations-detail', id: keptId };
    case 'persons':
      return household === null ? { name: 'duplicates' } : { name: 'households-detail', id: household };
  }
}

// ---------------------------------------------------------------------------------------------
// The merge screen's choices

export type Side = 'kept' | 'merged';
export type Choices = Record<string, Side>;

/** The fields where the coordinator chooses: not lists (both are kept), and only where they differ. */
export function choosable(fields: readonly MergeField[]): MergeField[] {
  return fields.filter((f) => !f.list && f.differs);
}

/**
 * The preselected side of each choosable field: the kept record's value, unless it is empty and
 * the merged record has one — a merge should never blank out something known.
 */
export function defaultChoices(fields: readonly MergeField[]): Choices {
  const choices: Choices = {};
  for (const f of choosable(fields)) {
    choices[f.field] = f.kept.trim() === '' && f.merged.trim() !== '' ? 'merged' : 'kept';
  }
  return choices;
}

/** `take_from_merged` for the merge: the choosable fields set to the merged side, in field order. */
export function takeFromMerged(fields: readonly MergeField[], choices: Readonly<Choices>): string[] {
  return choosable(fields)
    .filter((f) => choices[f.field] === 'merged')
    .map((f) => f.field);
}

/** The list items the merge keeps: the kept record's, then the merged record's new ones (case-insensitive), as the backend joins them. */
export function combinedList(kept: string, merged: string): string[] {
  const split = (text: string) =>
    text
      .split(', ')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  const out = split(kept);
  for (const item of split(merged)) {
    if (!out.some((o) => o.toLowerCase() === item.toLowerCase())) out.push(item);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Words

const FIELD_LABELS: Record<MergeEntity, Record<string, PlainMessageKey>> = {
  households: {
    name: 'merge.field.households.name',
    stage: 'merge.field.households.stage',
    owner_id: 'merge.field.households.owner_id',
    source: 'merge.field.households.source',
    source_event_id: 'merge.field.households.source_event_id',
    time_frame: 'merge.field.households.time_frame',
    notes: 'merge.field.households.notes',
    referred_by_id: 'merge.field.households.referred_by_id',
    ambassador_story: 'merge.field.households.ambassador_story',
    desired_municipalities: 'merge.field.households.desired_municipalities',
    tags: 'merge.field.households.tags',
    interests: 'merge.field.households.interests',
  },
  persons: {
    first_name: 'merge.field.persons.first_name',
    last_name: 'merge.field.persons.last_name',
    role: 'merge.field.persons.role',
    birth_year: 'merge.field.persons.birth_year',
    profession: 'merge.field.persons.profession',
    emails: 'merge.field.persons.emails',
    phones: 'merge.field.persons.phones',
    languages: 'merge.field.persons.languages',
  },
  organisations: {
    name: 'merge.field.organisations.name',
    kind: 'merge.field.organisations.kind',
    municipality: 'merge.field.organisations.municipality',
    website: 'merge.field.organisations.website',
    email: 'merge.field.organisations.email',
    phone: 'merge.field.organisations.phone',
    notes: 'merge.field.organisations.notes',
  },
};

/** The field's name for people; a field the UI does not know yet keeps its code. */
export function fieldLabel(entity: MergeEntity, field: string): string {
  const key = FIELD_LABELS[entity][field];
  return key === undefined ? field : t(key);
}

const ORG_KINDS: readonly string[] = [
  'employer',
  'municipality',
  'university',
  'chamber_of_commerce',
  'industry_network',
  'partner_project',
  'other',
] satisfies readonly OrgKind[];

/**
 * A value as the coordinator reads it. The backend gives stored text (references already as
 * names); codes are translated here. Empty stays empty: the screen says "Tomt" itself.
 */
export function shownValue(entity: MergeEntity, field: string, value: string): string {
  if (value === '') return value;
  if (entity === 'households' && field === 'stage' && (STAGES as readonly string[]).includes(value)) {
    return stageLabel(value as Stage);
  }
  if (entity === 'households' && field === 'time_frame' && (TIME_FRAMES as readonly string[]).includes(value)) {
    return timeFrameLabel(value as TimeFrame);
  }
  if (entity === 'persons' && field === 'role' && (value === 'adult' || value === 'child')) {
    return memberRoleLabel(value);
  }
  if (entity === 'organisations' && field === 'kind' && ORG_KINDS.includes(value)) {
    return orgKindLabel(value as OrgKind);
  }
  return value;
}

/** Tables whose rows a merge moves, each with a noun for people (`merge.move.<table>.one/other`). */
export const MOVE_TABLES = [
  'persons',
  'interactions',
  'stage_changes',
  'consents',
  'org_links',
  'tasks',
  'event_attendance',
  'host_matches',
  'job_referrals',
  'households',
  'contact_persons',
  'job_openings',
  'project_organisations',
  'events',
] as const;
type MoveTable = (typeof MOVE_TABLES)[number];

function isMoveTable(table: string): table is MoveTable {
  return (MOVE_TABLES as readonly string[]).includes(table);
}

/** One table's count in words: "1 stegändring", "3 händelser i tidslinjen". */
export function moveText(move: MergeMove): string {
  const table = move.table;
  if (!isMoveTable(table)) return t('merge.move.unknown', { count: move.count, table });
  return move.count === 1 ? t(`merge.move.${table}.one`) : t(`merge.move.${table}.other`, { count: move.count });
}

/** What a merge moves, as one phrase: "2 personer, 3 händelser i tidslinjen och 1 stegändring". */
export function moveSummary(moves: readonly MergeMove[]): string {
  const parts = moves.filter((m) => m.count > 0).map(moveText);
  return new Intl.ListFormat(locale.intlTag, { style: 'long', type: 'conjunction' }).format(parts);
}

/** The sentence for a failed merge command. */
export function mergeErrorText(error: Pick<ApiError, 'code' | 'kind'> & { field?: string | null }): string {
  if (error.code === 'validation' && error.kind === 'already_undone') return t('merges.undo.already');
  if (error.code === 'validation' && error.kind === 'self_reference') return t('merge.error.same');
  if (error.code === 'validation' && error.kind) return validationLabel(error.kind);
  if (error.code === 'not_found') return t('merge.error.notFound');
  return errorMessage(error);
}

/** The notice after an undo: the merged record is back, and how many later edits were kept. */
export function undoneText(summary: UndoSummary, merged: string): string {
  const done = t('merges.undo.done', { merged });
  return summary.kept === 0 ? done : `${done} ${t('merges.undo.kept', { kept: summary.kept })}`;
}
