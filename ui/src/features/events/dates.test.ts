import { describe, expect, it } from 'vitest';
import { formatEventDates, yearOf } from './dates';

const plain = (text: string) => text.replace(/[\u00a0\u202f\u2009]/g, ' ');

describe('formatEventDates', () => {
  it('writes a one-day event as one date in the UI language', () => {
    expect(formatEventDates('2026-03-03', null, 'sv-SE')).toBe('3 mars 2026');
    expect(formatEventDates('2026-03-03', null, 'en-GB')).toBe('3 Mar 2026');
  });

  it('treats an end date equal to the start as a one-day event', () => {
    expect(formatEventDates('2026-03-03', '2026-03-03', 'sv-SE')).toBe('3 mars 2026');
  });

  it('writes several days as a range without repeating month and year', () => {
    expect(plain(formatEventDates('2026-03-03', '2026-03-05', 'sv-SE'))).toBe('3–5 mars 2026');
    expect(plain(formatEventDates('2026-03-30', '2026-04-02', 'en-GB'))).toBe('30 Mar – 2 Apr 2026');
  });

  it('does not shift the day with the time zone and survives unexpected input', () => {
    expect(formatEventDates('2026-01-01', null, 'sv-SE')).toContain('1 jan');
    expect(formatEventDates('soon', null, 'sv-SE')).toBe('soon');
  });
});

describe('yearOf', () => {
  it('reads the year of a calendar day', () => {
    expect(yearOf('2025-11-20')).toBe(2025);
    expect(yearOf('')).toBeNull();
  });
});
