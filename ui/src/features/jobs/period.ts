// The period of the labour indicator: calendar years by default, the years counted from the
// backend's "today" so the choice agrees with the dates it validates against.

export interface Period {
  /** `YYYY-MM-DD`, inclusive. */
  from: string;
  /** `YYYY-MM-DD`, inclusive. */
  to: string;
}

export function yearPeriod(year: number): Period {
  const y = String(year).padStart(4, '0');
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

export function yearOfDay(today: string | null, fallback: number): number {
  const year = Number(today?.slice(0, 4));
  return Number.isInteger(year) && year > 0 ? year : fallback;
}

/** Which quick choice a period is, so its button shows as pressed. */
export function quickChoice(period: Period, thisYear: number): 'this_year' | 'last_year' | null {
  const same = (p: Period) => p.from === period.from && p.to === period.to;
  if (same(yearPeriod(thisYear))) return 'this_year';
  if (same(yearPeriod(thisYear - 1))) return 'last_year';
  return null;
}
