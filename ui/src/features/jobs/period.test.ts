import { describe, expect, it } from 'vitest';
import { quickChoice, yearOfDay, yearPeriod } from './period';

describe('labour indicator period', () => {
  it('covers a whole calendar year, both ends included', () => {
    expect(yearPeriod(2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it("takes the year from the backend's today, falling back when it is unknown", () => {
    expect(yearOfDay('2026-11-23', 1999)).toBe(2026);
    expect(yearOfDay(null, 1999)).toBe(1999);
  });

  it('recognises the quick choices so their buttons show as pressed', () => {
    expect(quickChoice(yearPeriod(2026), 2026)).toBe('this_year');
    expect(quickChoice(yearPeriod(2025), 2026)).toBe('last_year');
    expect(quickChoice({ from: '2026-01-01', to: '2026-06-30' }, 2026), 'a custom period').toBeNull();
  });
});
