// The audit browser's logic: what the filters send to the backend, and how log lines read.
// The backend checks every filter again (and owns the rules); this only keeps the UI from
// sending what it can already see is wrong.
import type { AuditFilter, ReadKind, ReadLogFilter, ValidationKind } from '$ipc';
import { hasMessage, t, type PlainMessageKey } from '$lib/i18n/index.svelte';

/** Lines asked for per page. */
export const PAGE_SIZE = 100;

/** The user choice meaning "changes made with no user chosen" (user ids are UUIDs). */
export const NOBODY = 'nobody';

/** The filters as the page holds them. */
export interface AuditForm {
  /** A user id, {@link NOBODY}, or `null` for everyone. */
  user: string | null;
  /** `YYYY-MM-DD` or empty. */
  from: string;
  /** `YYYY-MM-DD` or empty; inclusive. */
  to: string;
  /** A kind of record (a synced table), or `null` for all. */
  entity: string | null;
  /** One record's history, from the route. */
  record: string | null;
}

export function emptyForm(record: string | null = null): AuditForm {
  return { user: null, from: '', to: '', entity: null, record };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Minutes east of UTC that a local time has, in this computer's time zone. */
export type ZoneOffset = (local: Date) => number;

const computerZone: ZoneOffset = (local) => -local.getTimezoneOffset() || 0;

/**
 * The zone's offset at local midnight starting `day` (or, for the end of a range, the midnight
 * after it): Sweden is 60 minutes east in winter and 120 in summer, so both ends need their own.
 */
export function offsetAt(day: string, end: boolean, zone: ZoneOffset = computerZone): number | null {
  if (!isIsoDay(day)) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zone(new Date(y, m - 1, d + (end ? 1 : 0)));
}

/** A date the page can already see is wrong, before asking the backend. */
export interface LocalProblem {
  field: 'from' | 'to';
  kind: ValidationKind;
}

export function localProblem(form: AuditForm): LocalProblem | null {
  if (form.from !== '' && !isIsoDay(form.from)) return { field: 'from', kind: 'invalid_date' };
  if (form.to !== '' && !isIsoDay(form.to)) return { field: 'to', kind: 'invalid_date' };
  if (form.from !== '' && form.to !== '' && form.to < form.from) return { field: 'to', kind: 'ends_before_start' };
  return null;
}

interface Page {
  cursor: string | null;
  limit: number;
}

function who(form: AuditForm): Pick<AuditFilter, 'user_id' | 'without_user'> {
  if (form.user === NOBODY) return { user_id: null, without_user: true };
  return { user_id: form.user, without_user: false };
}

function days(form: AuditForm, zone: ZoneOffset) {
  const from = form.from === '' ? null : form.from;
  const to = form.to === '' ? null : form.to;
  return {
    from,
    to,
    from_offset_minutes: from === null ? null : offsetAt(from, false, zone),
    to_offset_minutes: to === null ? null : offsetAt(to, true, zone),
  };
}

/** The change-log filter for one page. */
export function auditFilter(form: AuditForm, page: Page, zone: ZoneOffset = computerZone): AuditFilter {
  return {
    ...who(form),
    ...days(form, zone),
    entity: form.entity,
    row_id: form.record,
    limit: page.limit,
    cursor: page.cursor,
  };
}

/** The read-log filter for one page: the same who and when (kinds of record do not apply). */
export function readLogFilter(form: AuditForm, page: Page, zone: ZoneOffset = computerZone): ReadLogFilter {
  return { ...who(form), ...days(form, zone), limit: page.limit, cursor: page.cursor };
}

/** A logged value as a person reads it, cut to `max` characters with the whole kept aside. */
export interface ShownValue {
  text: string;
  /** The whole value when `text` is cut, for a tooltip. */
  full: string | null;
}

export function shownValue(json: string, max = 80): ShownValue {
  let text: string;
  try {
    const value: unknown = JSON.parse(json);
    if (value === null || value === '') text = t('audit.value.empty');
    else if (typeof value === 'string') text = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      text = value.length === 0 ? t('audit.value.empty') : value.join(', ');
    else text = json;
  } catch {
    text = json;
  }
  const chars = [...text];
  if (chars.length <= max) return { text, full: null };
  return { text: `${chars.slice(0, max - 1).join('')}…`, full: text };
}

/** A kind of record in the UI's language; a kind this version does not know by its table name. */
export function entityLabel(entity: string): string {
  const key = `audit.entity.${entity}`;
  return hasMessage(key) ? t(key as PlainMessageKey) : entity;
}

export function readKindLabel(kind: ReadKind): string {
  return t(`audit.kind.${kind}`);
}

/** The kinds of record for the filter, by their names in the UI's language. */
export function entityOptions(entities: readonly string[], intlTag: string): { value: string; label: string }[] {
  return entities
    .map((e) => ({ value: e, label: entityLabel(e) }))
    .sort((a, b) => a.label.localeCompare(b.label, intlTag));
}
