// Report periods: the choices the "new report" dialog offers (the last full half-year, the last
// full calendar year, this year so far), always inside the project's own period, and how a
// period reads as text. Days are `YYYY-MM-DD` strings, compared as text and read in UTC so
// they never shift with the time zone.

export interface Period {
  /** `YYYY-MM-DD`, inclusive. */
  from: string;
  /** `YYYY-MM-DD`, inclusive. */
  to: string;
}

/** The part of a project that bounds a report. */
export interface ProjectSpan {
  starts_on: string;
  ends_on: string | null;
}

export const PERIOD_CHOICES = ['half_year', 'year', 'year_to_date'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

/** What a period is, for a suggested title: a half-year, a calendar year, a year so far, or other. */
export type PeriodShape =
  | { kind: 'half_year'; half: 1 | 2; year: number }
  | { kind: 'year'; year: number }
  | { kind: 'year_to_date'; year: number }
  | { kind: 'range' };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function utc(isoDay: string): Date {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export function addDays(isoDay: string, days: number): string {
  return new Date(utc(isoDay).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

const yearText = (year: number) => String(year).padStart(4, '0');
const yearOf = (isoDay: string) => Number(isoDay.slice(0, 4));

/**
 * The day the choices count back from: today, or the day after the project ended when that
 * is earlier (a finished project's last half-year is its own, not the current one).
 */
export function referenceDay(today: string, project: ProjectSpan): string {
  if (project.ends_on === null || !isIsoDay(project.ends_on)) return today;
  const afterEnd = addDays(project.ends_on, 1);
  return afterEnd < today ? afterEnd : today;
}

/** The last half-year (January–June or July–December) that ended before `day`. */
export function lastFullHalfYear(day: string): Period {
  const year = yearOf(day);
  const month = Number(day.slice(5, 7));
  if (month >= 7) return { from: `${yearText(year)}-01-01`, to: `${yearText(year)}-06-30` };
  return { from: `${yearText(year - 1)}-07-01`, to: `${yearText(year - 1)}-12-31` };
}

/** The last calendar year that ended before `day`. */
export function lastFullYear(day: string): Period {
  const year = yearText(yearOf(day) - 1);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** From the first of January of `day`'s year up to and including `day`. */
export function yearToDate(day: string): Period {
  return { from: `${yearText(yearOf(day))}-01-01`, to: day };
}

/** The part of `period` inside the project's period; `null` when they do not meet. */
export function clampToProject(period: Period, project: ProjectSpan): Period | null {
  const from = period.from < project.starts_on ? project.starts_on : period.from;
  const to = project.ends_on !== null && period.to > project.ends_on ? project.ends_on : period.to;
  return from <= to ? { from, to } : null;
}

/** The period a quick choice stands for, inside the project; `null` when it has no such period. */
export function periodFor(choice: PeriodChoice, today: string, project: ProjectSpan): Period | null {
  const day = referenceDay(today, project);
  const raw =
    choice === 'half_year' ? lastFullHalfYear(day) : choice === 'year' ? lastFullYear(day) : yearToDate(day);
  return clampToProject(raw, project);
}

/**
 * The period a new report starts with: the last full half-year within the project, else the
 * last full calendar year, else this year so far; a project that has not started yet gets its
 * first day.
 */
export function defaultPeriod(
  today: string,
  project: ProjectSpan,
): { choice: PeriodChoice | null; period: Period } {
  for (const choice of PERIOD_CHOICES) {
    const period = periodFor(choice, today, project);
    if (period !== null) return { choice, period };
  }
  return { choice: null, period: { from: project.starts_on, to: project.starts_on } };
}

/** Which quick choice `period` is, so its button shows as pressed. */
export function choiceOf(period: Period, today: string, project: ProjectSpan): PeriodChoice | null {
  for (const choice of PERIOD_CHOICES) {
    const p = periodFor(choice, today, project);
    if (p !== null && p.from === period.from && p.to === period.to) return choice;
  }
  return null;
}

/** What the period is, for a title such as "Lägesrapport januari–juni 2026". */
export function periodShape(period: Period): PeriodShape {
  const { from, to } = period;
  if (!isIsoDay(from) || !isIsoDay(to)) return { kind: 'range' };
  const year = yearOf(from);
  const y = yearText(year);
  if (yearOf(to) !== year) return { kind: 'range' };
  if (from === `${y}-01-01` && to === `${y}-12-31`) return { kind: 'year', year };
  if (from === `${y}-01-01` && to === `${y}-06-30`) return { kind: 'half_year', half: 1, year };
  if (from === `${y}-07-01` && to === `${y}-12-31`) return { kind: 'half_year', half: 2, year };
  if (from === `${y}-01-01`) return { kind: 'year_to_date', year };
  return { kind: 'range' };
}

/** A period as one phrase in the UI language: "1 jan. – 30 juni 2026". */
export function formatPeriod(from: string, to: string, intlTag: string): string {
  if (!isIsoDay(from) || !isIsoDay(to)) return `${from} – ${to}`;
  const format = new Intl.DateTimeFormat(intlTag, { dateStyle: 'medium', timeZone: 'UTC' });
  if (from === to) return format.format(utc(from));
  if (to < from) return `${format.format(utc(from))} – ${format.format(utc(to))}`;
  return format.formatRange(utc(from), utc(to));
}

/** A calendar day as text in the UI language ("23 nov. 2026"). */
export function formatDay(isoDay: string, intlTag: string): string {
  if (!isIsoDay(isoDay)) return isoDay;
  return new Intl.DateTimeFormat(intlTag, { dateStyle: 'medium', timeZone: 'UTC' }).format(utc(isoDay));
}
