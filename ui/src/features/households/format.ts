// Dates as coordinators read them in lists: "3 hours ago" for recent work, a plain date
// once it is more than a week old (relative phrases get vague beyond that).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function relativeTime(value: string | Date, now: Date, intlTag: string): string {
  const at = typeof value === 'string' ? new Date(value) : value;
  const diff = at.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(intlTag, { numeric: 'auto' });
  if (abs < MINUTE) return rtf.format(0, 'second');
  if (abs < HOUR) return rtf.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return rtf.format(Math.round(diff / HOUR), 'hour');
  if (abs < 7 * DAY) return rtf.format(Math.round(diff / DAY), 'day');
  return new Intl.DateTimeFormat(intlTag, {
    day: 'numeric',
    month: 'short',
    year: at.getFullYear() === now.getFullYear() ? undefined : 'numeric',
  }).format(at);
}

/** Age reached this calendar year; birth year is all Landa keeps, so it may be one too high. */
export function ageInYear(birthYear: number, year: number): number {
  return Math.max(0, year - birthYear);
}

/** `YYYY-MM-DD` for a local date, as the backend expects for dates without time. */
export function isoDate(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function addDays(date: Date, days: number): Date {
  const next = new Date(date);
  next.setDate(next.getDate() + days);
  return next;
}

/**
 * A `YYYY-MM-DD` date as local midnight. `new Date('2026-03-10')` would be UTC midnight,
 * which is the previous day west of Greenwich.
 */
export function parseLocalDate(value: string): Date {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}
