import { describe, expect, it } from 'vitest';
import {
  addDays,
  choiceOf,
  clampToProject,
  defaultPeriod,
  formatPeriod,
  lastFullHalfYear,
  lastFullYear,
  periodFor,
  periodShape,
  referenceDay,
  yearToDate,
} from './period';

const running = { starts_on: '2025-01-01', ends_on: '2027-12-31' };

describe('half-years and years', () => {
  it('finds the last half-year that has ended', () => {
    expect(lastFullHalfYear('2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(lastFullHalfYear('2026-07-01')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(lastFullHalfYear('2026-06-30')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(lastFullHalfYear('2026-01-01')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
  });

  it('finds the last full calendar year and this year so far', () => {
    expect(lastFullYear('2026-03-03')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(yearToDate('2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-11-23' });
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('inside the project', () => {
  it('counts back from the day after a finished project ended', () => {
    expect(referenceDay('2026-11-23', { starts_on: '2023-01-01', ends_on: '2025-12-31' })).toBe('2026-01-01');
    expect(referenceDay('2026-11-23', running)).toBe('2026-11-23');
    expect(referenceDay('2026-11-23', { starts_on: '2025-01-01', ends_on: null })).toBe('2026-11-23');
  });

  it('cuts a period to the project and drops one that misses it', () => {
    const late = { starts_on: '2025-03-15', ends_on: '2025-10-31' };
    expect(clampToProject({ from: '2025-01-01', to: '2025-12-31' }, late)).toEqual({ from: '2025-03-15', to: '2025-10-31' });
    expect(clampToProject({ from: '2024-01-01', to: '2024-12-31' }, late)).toBeNull();
  });

  it('offers each quick choice within the project', () => {
    expect(periodFor('half_year', '2026-11-23', running)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(periodFor('year', '2026-11-23', running)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodFor('year_to_date', '2026-11-23', running)).toEqual({ from: '2026-01-01', to: '2026-11-23' });
    const finished = { starts_on: '2023-01-01', ends_on: '2025-12-31' };
    expect(periodFor('half_year', '2026-11-23', finished)).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(periodFor('year_to_date', '2026-11-23', finished)).toBeNull();
  });
});

describe('defaultPeriod', () => {
  it('starts with the last full half-year', () => {
    expect(defaultPeriod('2026-11-23', running)).toEqual({
      choice: 'half_year',
      period: { from: '2026-01-01', to: '2026-06-30' },
    });
  });

  it('falls back to the year so far when no half-year has ended inside the project', () => {
    const young = { starts_on: '2026-09-01', ends_on: '2028-08-31' };
    expect(defaultPeriod('2026-11-23', young)).toEqual({
      choice: 'year_to_date',
      period: { from: '2026-09-01', to: '2026-11-23' },
    });
  });

  it('gives a project that has not started its first day', () => {
    const future = { starts_on: '2027-01-01', ends_on: null };
    expect(defaultPeriod('2026-11-23', future)).toEqual({
      choice: null,
      period: { from: '2027-01-01', to: '2027-01-01' },
    });
  });

  it('knows which choice a period is', () => {
    expect(choiceOf({ from: '2025-01-01', to: '2025-12-31' }, '2026-11-23', running)).toBe('year');
    expect(choiceOf({ from: '2025-02-01', to: '2025-12-31' }, '2026-11-23', running)).toBeNull();
  });
});

describe('periodShape', () => {
  it('recognises half-years, years and a year so far', () => {
    expect(periodShape({ from: '2026-01-01', to: '2026-06-30' })).toEqual({ kind: 'half_year', half: 1, year: 2026 });
    expect(periodShape({ from: '2025-07-01', to: '2025-12-31' })).toEqual({ kind: 'half_year', half: 2, year: 2025 });
    expect(periodShape({ from: '2025-01-01', to: '2025-12-31' })).toEqual({ kind: 'year', year: 2025 });
    expect(periodShape({ from: '2026-01-01', to: '2026-11-23' })).toEqual({ kind: 'year_to_date', year: 2026 });
    expect(periodShape({ from: '2025-03-15', to: '2025-12-31' })).toEqual({ kind: 'range' });
    expect(periodShape({ from: '2025-07-01', to: '2026-06-30' })).toEqual({ kind: 'range' });
    expect(periodShape({ from: '', to: '' })).toEqual({ kind: 'range' });
  });
});

describe('formatPeriod', () => {
  // Intl puts thin and narrow no-break spaces around the dash; compare with plain spaces.
  const plain = (text: string) => text.replace(/\s/g, ' ');

  it('writes a period in the UI language', () => {
    expect(plain(formatPeriod('2026-01-01', '2026-06-30', 'sv-SE'))).toBe('1 jan.–30 juni 2026');
    expect(plain(formatPeriod('2026-01-01', '2026-06-30', 'en-GB'))).toBe('1 Jan – 30 Jun 2026');
    expect(plain(formatPeriod('2026-03-03', '2026-03-03', 'en-GB'))).toBe('3 Mar 2026');
    expect(plain(formatPeriod('nope', '2026-03-03', 'en-GB'))).toBe('nope – 2026-03-03');
  });
});
