import { describe, expect, it } from 'vitest';
import { addDays, ageInYear, isoDate, parseLocalDate, relativeTime } from './format';

const now = new Date('2026-03-10T12:00:00');

describe('relativeTime', () => {
  it('speaks relatively within a week', () => {
    expect(relativeTime(new Date('2026-03-10T09:00:00'), now, 'en-GB')).toBe('3 hours ago');
    expect(relativeTime(new Date('2026-03-09T12:00:00'), now, 'en-GB')).toBe('yesterday');
    expect(relativeTime(new Date('2026-03-10T11:59:30'), now, 'sv-SE')).toBe('nu');
  });

  it('falls back to a date after a week, with the year only when it differs', () => {
    expect(relativeTime(new Date('2026-02-01T12:00:00'), now, 'en-GB')).toBe('1 Feb');
    expect(relativeTime(new Date('2025-02-01T12:00:00'), now, 'en-GB')).toBe('1 Feb 2025');
  });
});

describe('dates', () => {
  it('writes local calendar dates as YYYY-MM-DD', () => {
    expect(isoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(isoDate(addDays(new Date(2026, 11, 29), 7)), 'crosses the year').toBe('2027-01-05');
  });

  it('reads a calendar date as that day wherever the user is', () => {
    const d = parseLocalDate('2026-03-01');
    expect([d.getFullYear(), d.getMonth(), d.getDate()]).toEqual([2026, 2, 1]);
    expect(isoDate(d), 'round-trips').toBe('2026-03-01');
  });

  it('gives the age reached this year, never negative', () => {
    expect(ageInYear(1988, 2026)).toBe(38);
    expect(ageInYear(2027, 2026)).toBe(0);
  });
});
