import { describe, expect, it } from 'vitest';
import { addDays, daysUntil, dueLabel, dueTone, formatDay } from './due';

describe('daysUntil', () => {
  it('counts calendar days across month and year ends', () => {
    expect(daysUntil('2026-03-01', '2026-02-28'), 'Feb 2026 has 28 days').toBe(1);
    expect(daysUntil('2025-12-30', '2026-01-02'), 'three days overdue across New Year').toBe(-3);
  });

  it('is not shifted by daylight saving time', () => {
    // Sweden moves the clocks on 29 March 2026; a day is still a day.
    expect(daysUntil('2026-03-30', '2026-03-28')).toBe(2);
  });
});

describe('dueTone', () => {
  const today = '2026-05-10';
  it('marks past due dates as overdue unless the task is done', () => {
    expect(dueTone('2026-05-09', today, false)).toBe('overdue');
    expect(dueTone('2026-05-09', today, true), 'a done task is never overdue').toBe('done');
  });

  it('separates today, the coming week and later', () => {
    expect(dueTone('2026-05-10', today, false)).toBe('today');
    expect(dueTone('2026-05-17', today, false)).toBe('soon');
    expect(dueTone('2026-05-18', today, false)).toBe('later');
  });
});

describe('dueLabel', () => {
  const today = '2026-05-10';
  it('reads relatively within a week, in Swedish and English', () => {
    expect(dueLabel('2026-05-10', today, 'sv-SE')).toBe('i dag');
    expect(dueLabel('2026-05-11', today, 'sv-SE')).toBe('i morgon');
    expect(dueLabel('2026-05-07', today, 'sv-SE')).toBe('för 3 dagar sedan');
    expect(dueLabel('2026-05-07', today, 'en-GB')).toBe('3 days ago');
  });

  it('shows the date itself beyond a week', () => {
    expect(dueLabel('2026-06-01', today, 'sv-SE')).toBe('1 juni 2026');
  });

  it('falls back to the raw text for a malformed date instead of "NaN"', () => {
    expect(dueLabel('soon', today, 'sv-SE')).toBe('soon');
  });
});

describe('formatDay and addDays', () => {
  it('formats a calendar day without a time-zone shift', () => {
    expect(formatDay('2026-01-01', 'en-GB')).toBe('1 Jan 2026');
  });

  it('adds days across a month end', () => {
    expect(addDays('2026-01-28', 7)).toBe('2026-02-04');
  });
});
