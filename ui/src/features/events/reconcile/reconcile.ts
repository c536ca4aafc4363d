// The reconciliation view after a fair, without the view: which leads a quick filter shows,
// the counts in the heading, what "select all" means, and how rows the backend skipped in a
// bulk move are grouped for the coordinator. No Svelte and no IPC here, so it is tested alone.
import type { BulkSkip, LeadRow, NamedRef } from '$ipc';

export const LEAD_FILTERS = ['all', 'needs_review', 'possible_duplicates', 'no_follow_up'] as const;
export type LeadFilter = (typeof LEAD_FILTERS)[number];

/** Self-registered at the kiosk and not yet looked at by staff. */
export function needsReview(row: LeadRow): boolean {
  return row.self_registered && !row.reviewed;
}

/**
 * The households this lead may duplicate, still to be decided. The backend lists every other
 * household sharing an email or phone; one that is already marked as a duplicate of this very
 * lead (visible in `rows`) is settled and left out, and a lead marked as a duplicate has none.
 */
export function openPossibleDuplicates(row: LeadRow, rows: readonly LeadRow[]): NamedRef[] {
  if (row.duplicate_of !== null) return [];
  const settled = new Set(
    rows.filter((r) => r.duplicate_of?.id === row.household_id).map((r) => r.household_id),
  );
  return row.possible_duplicates.filter((d) => d.id !== row.household_id && !settled.has(d.id));
}

/** No open follow-up from this event. A marked duplicate is followed up on its original. */
export function lacksFollowUp(row: LeadRow): boolean {
  return row.follow_up_task_id === null && row.duplicate_of === null;
}

export function matchesFilter(row: LeadRow, filter: LeadFilter, rows: readonly LeadRow[]): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'needs_review':
      return needsReview(row);
    case 'possible_duplicates':
      return openPossibleDuplicates(row, rows).length > 0;
    case 'no_follow_up':
      return lacksFollowUp(row);
  }
}

export function filterLeads(rows: readonly LeadRow[], filter: LeadFilter): LeadRow[] {
  return rows.filter((row) => matchesFilter(row, filter, rows));
}

export interface LeadCounts {
  total: number;
  /** First met at this event. */
  newLeads: number;
  /** Existing households met again at this event. */
  metAgain: number;
  needsReview: number;
  possibleDuplicates: number;
  /** Marked as a duplicate of another household. */
  duplicates: number;
  noFollowUp: number;
}

export function countLeads(rows: readonly LeadRow[]): LeadCounts {
  const counts: LeadCounts = {
    total: rows.length,
    newLeads: 0,
    metAgain: 0,
    needsReview: 0,
    possibleDuplicates: 0,
    duplicates: 0,
    noFollowUp: 0,
  };
  for (const row of rows) {
    if (row.new_lead) counts.newLeads++;
    else counts.metAgain++;
    if (needsReview(row)) counts.needsReview++;
    if (openPossibleDuplicates(row, rows).length > 0) counts.possibleDuplicates++;
    if (row.duplicate_of !== null) counts.duplicates++;
    if (lacksFollowUp(row)) counts.noFollowUp++;
  }
  return counts;
}

/** How many leads each quick filter would show, for the numbers on the filter buttons. */
export function filterCount(counts: LeadCounts, filter: LeadFilter): number {
  switch (filter) {
    case 'all':
      return counts.total;
    case 'needs_review':
      return counts.needsReview;
    case 'possible_duplicates':
      return counts.possibleDuplicates;
    case 'no_follow_up':
      return counts.noFollowUp;
  }
}

// Selection. A set of household ids, replaced (never mutated) so Svelte state sees changes.

export type Selection = ReadonlySet<string>;

/** What the "select all (visible)" box shows. */
export type HeaderState = 'none' | 'some' | 'all';

export function toggleOne(selection: Selection, id: string, on: boolean): Set<string> {
  const next = new Set(selection);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

export function headerState(selection: Selection, visibleIds: readonly string[]): HeaderState {
  const chosen = visibleIds.filter((id) => selection.has(id)).length;
  if (chosen === 0) return 'none';
  return chosen === visibleIds.length ? 'all' : 'some';
}

/**
 * The header box toggles the visible rows: when all are chosen it clears them, otherwise
 * (none or some) it chooses them all, as in mail clients and spreadsheets.
 */
export function toggleAllVisible(selection: Selection, visibleIds: readonly string[]): Set<string> {
  const next = new Set(selection);
  if (headerState(selection, visibleIds) === 'all') {
    for (const id of visibleIds) next.delete(id);
  } else {
    for (const id of visibleIds) next.add(id);
  }
  return next;
}

/**
 * Only rows the coordinator can see stay chosen: a bulk action must never touch a lead that a
 * filter hides or that is gone after a reload. Returns the same set when nothing changes.
 */
export function keepVisible(selection: Selection, visibleIds: readonly string[]): Selection {
  const visible = new Set(visibleIds);
  if ([...selection].every((id) => visible.has(id))) return selection;
  return new Set([...selection].filter((id) => visible.has(id)));
}

/** The chosen ids in the order the rows are shown, for a stable request. */
export function selectedInOrder(selection: Selection, rows: readonly LeadRow[]): string[] {
  return rows.filter((r) => selection.has(r.household_id)).map((r) => r.household_id);
}

// Rows a bulk move skipped.

export const SKIP_REASONS = ['reason_required', 'invalid_stage_transition', 'already_there'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number] | 'other';

export interface SkipGroup {
  reason: SkipReason;
  rows: BulkSkip[];
}

function skipReason(code: string): SkipReason {
  return (SKIP_REASONS as readonly string[]).includes(code) ? (code as SkipReason) : 'other';
}

/**
 * Skipped rows grouped by why, in a fixed order: those the coordinator can fix (a reason)
 * first, then those that cannot move there, then those already there. Unknown codes from a
 * newer backend are grouped as `other` rather than dropped. Empty groups are left out.
 */
export function groupSkipped(skipped: readonly BulkSkip[]): SkipGroup[] {
  const order: SkipReason[] = [...SKIP_REASONS, 'other'];
  return order
    .map((reason) => ({ reason, rows: skipped.filter((s) => skipReason(s.reason) === reason) }))
    .filter((group) => group.rows.length > 0);
}

/** The skipped households a retry with a reason can move. */
export function retryableIds(skipped: readonly BulkSkip[]): string[] {
  return skipped.filter((s) => s.reason === 'reason_required').map((s) => s.household_id);
}

// Household search for "mark as duplicate of…".

export interface DuplicateCandidate extends NamedRef {
  /** Something that tells two households with the same name apart (a member, an email). */
  detail: string;
}

/**
 * Candidates from global search hits: households and people (who open their household), one
 * per household, in the backend's order, without the lead itself.
 */
export function candidatesFromHits(
  hits: readonly { kind: string; target_id: string; title: string; detail: string }[],
  leadId: string,
): DuplicateCandidate[] {
  const seen = new Set<string>([leadId]);
  const out: DuplicateCandidate[] = [];
  for (const hit of hits) {
    if (hit.kind !== 'household' && hit.kind !== 'person') continue;
    if (seen.has(hit.target_id)) continue;
    seen.add(hit.target_id);
    // A person hit's detail is its household's name; the household is what gets chosen.
    out.push(
      hit.kind === 'household'
        ? { id: hit.target_id, name: hit.title, detail: hit.detail }
        : { id: hit.target_id, name: hit.detail || hit.title, detail: hit.title },
    );
  }
  return out;
}
