// How a task's due date reads in a list. Dates are calendar days (`YYYY-MM-DD`) compared with
// the backend's "today", never with the machine clock, so the list and the overdue flag the
// backend computed always agree.

export type DueTone = 'overdue' | 'today' | 'soon' | 'later' | 'done';

const DAY_MS = 86_400_000;

function dayNumber(isoDay: string): number {
  const [y, m, d] = isoDay.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return Number.NaN;
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Whole days from `today` to `due`: negative when the due date has passed. */
export function daysUntil(due: string, today: string): number {
  return dayNumber(due) - dayNumber(today);
}

export function dueTone(due: string, today: string, done: boolean): DueTone {
  if (done) return 'done';
  const days = daysUntil(due, today);
  if (days < 0) return 'overdue';
  if (days === 0) return 'today';
  if (days <= 7) return 'soon';
  return 'later';
}

/**
 * "i dag", "i morgon", "för 3 dagar sedan" within a week either way; the date itself beyond
 * that, where a relative phrase is harder to place on a calendar.
 */
export function dueLabel(due: string, today: string, intlTag: string): string {
  const days = daysUntil(due, today);
  if (Number.isNaN(days)) return due;
  if (Math.abs(days) <= 7) {
    return new Intl.RelativeTimeFormat(intlTag, { numeric: 'auto' }).format(days, 'day');
  }
  return formatDay(due, intlTag);
}

/** A calendar day as text; read in UTC so the day never shifts with the time zone. */
export function formatDay(isoDay: string, intlTag: string): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return isoDay;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (Number.isNaN(date.getTime())) return isoDay;
  return new Intl.DateTimeFormat(intlTag, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** `today` plus `days`, as `YYYY-MM-DD` (for default due dates such as "in a week"). */
export function addDays(isoDay: string, days: number): string {
  const date = new Date((dayNumber(isoDay) + days) * DAY_MS);
  return date.toISOString().slice(0, 10);
}

/**
 * The day a date input holds, written out in the UI language ("23 nov. 2026"): WebKitGTK's own
 * date field follows the system locale, so the form says the day plainly beside it.
 */
export function dayHint(value: string, intlTag: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value, intlTag) : undefined;
}
