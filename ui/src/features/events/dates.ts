// An event's dates as one phrase in the UI language: "3 mars 2026", "3–5 mars 2026",
// "30 mars – 2 apr. 2026". Calendar days are read in UTC so they never shift with the zone.

function utcDay(isoDay: string): Date | null {
  const [y, m, d] = isoDay.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatEventDates(startsOn: string, endsOn: string | null, intlTag: string): string {
  const start = utcDay(startsOn);
  if (start === null) return startsOn;
  const format = new Intl.DateTimeFormat(intlTag, { dateStyle: 'medium', timeZone: 'UTC' });
  const end = endsOn === null || endsOn === startsOn ? null : utcDay(endsOn);
  if (end === null || end.getTime() < start.getTime()) return format.format(start);
  return format.formatRange(start, end);
}

/** The year an event starts in, from its `YYYY-MM-DD` date. */
export function yearOf(isoDay: string): number | null {
  const year = Number(isoDay.slice(0, 4));
  return Number.isInteger(year) && year > 0 ? year : null;
}
