import { describe, expect, it } from 'vitest';
import type { SearchHit } from '$ipc';
import { householdChoices } from './attendees';

const hit = (kind: SearchHit['kind'], target: string, title: string, detail = ''): SearchHit => ({
  kind,
  target_id: target,
  ref_id: `${target}-${title}`,
  title,
  detail,
});

describe('householdChoices', () => {
  it('offers households, and households found through a member, once each', () => {
    const choices = householdChoices([
      hit('household', 'h1', 'Lind'),
      hit('person', 'h1', 'Anna Lind', 'Lind'),
      hit('person', 'h2', 'Erik Berg', 'Berg Nilsson'),
      hit('organisation', 'o1', 'Region Jämtland'),
      hit('contact_person', 'o1', 'Eva Ek', 'Region Jämtland'),
    ]);
    expect(choices).toEqual([
      { id: 'h1', name: 'Lind', via: null },
      { id: 'h2', name: 'Berg Nilsson', via: 'Erik Berg' },
    ]);
  });

  it('leaves out households that already attend', () => {
    expect(householdChoices([hit('household', 'h1', 'Lind')], ['h1'])).toEqual([]);
  });
});
