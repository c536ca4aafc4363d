import { describe, expect, it } from 'vitest';
import { defaultFilters, filterByName, narrowsList, toEventFilter, yearChoices } from './filters';

describe('toEventFilter', () => {
  it('starts with upcoming events and nothing else narrowed', () => {
    expect(toEventFilter(defaultFilters())).toEqual({
      when: 'upcoming',
      kind: null,
      four_t: null,
      year: null,
      query: null,
    });
  });

  it('sends the chosen year as a number and the search trimmed', () => {
    const filters = { ...defaultFilters(), when: 'all' as const, kind: 'fair' as const, fourT: 'talent' as const, year: '2025' };
    expect(toEventFilter(filters, '  Umeå ')).toEqual({
      when: 'all',
      kind: 'fair',
      four_t: 'talent',
      year: 2025,
      query: 'Umeå',
    });
  });

  it('treats a blank search as no search', () => {
    expect(toEventFilter({ ...defaultFilters(), query: '   ' }).query).toBeNull();
  });
});

describe('narrowsList', () => {
  it('does not count the upcoming/past/all choice as a filter', () => {
    expect(narrowsList({ ...defaultFilters(), when: 'past' })).toBe(false);
    expect(narrowsList({ ...defaultFilters(), year: '2024' })).toBe(true);
    expect(narrowsList({ ...defaultFilters(), query: 'mässa' })).toBe(true);
  });
});

describe('yearChoices', () => {
  it('offers each year with events once, the current year too, newest first', () => {
    expect(yearChoices(['2024-05-01', '2025-03-02', '2024-10-10'], 2026)).toEqual(['2026', '2025', '2024']);
  });

  it('keeps the chosen year even when no event starts in it any more', () => {
    expect(yearChoices([], 2026, '2019')).toEqual(['2026', '2019']);
  });
});

describe('filterByName', () => {
  const orgs = [{ name: 'Östersunds kommun' }, { name: 'Mittuniversitetet' }, { name: 'Region Jämtland Härjedalen' }];

  it('ignores case and Swedish letters, and wants every word', () => {
    expect(filterByName(orgs, 'ostersund').map((o) => o.name)).toEqual(['Östersunds kommun']);
    expect(filterByName(orgs, 'region harj').map((o) => o.name)).toEqual(['Region Jämtland Härjedalen']);
    expect(filterByName(orgs, 'region kommun')).toEqual([]);
  });

  it('returns everything for a blank query', () => {
    expect(filterByName(orgs, '  ')).toHaveLength(3);
  });
});
