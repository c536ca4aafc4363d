import { describe, expect, it } from 'vitest';
import type { SearchHit, SearchKind } from '$ipc';
import { groupHits, hitHref, hitsInDisplayOrder } from './search';

const hit = (kind: SearchKind, title: string, target = `t-${title}`): SearchHit => ({
  kind,
  target_id: target,
  ref_id: `r-${title}`,
  title,
  detail: '',
});

describe('groupHits', () => {
  const ranked = [
    hit('organisation', 'Boliden'),
    hit('person', 'Anna Berg'),
    hit('household', 'Berg'),
    hit('contact_person', 'Per Ek'),
    hit('person', 'Ola Berg'),
  ];

  it('groups by kind in a fixed order and keeps the ranking inside a group', () => {
    const groups = groupHits(ranked);
    expect(groups.map((g) => g.kind)).toEqual([
      'household',
      'person',
      'organisation',
      'contact_person',
    ]);
    expect(groups[1]?.hits.map((h) => h.hit.title), 'rank within persons').toEqual([
      'Anna Berg',
      'Ola Berg',
    ]);
  });

  it('numbers hits in display order so arrow keys follow the screen', () => {
    const indices = groupHits(ranked).flatMap((g) => g.hits.map((h) => [h.hit.title, h.index]));
    expect(indices).toEqual([
      ['Berg', 0],
      ['Anna Berg', 1],
      ['Ola Berg', 2],
      ['Boliden', 3],
      ['Per Ek', 4],
    ]);
    expect(hitsInDisplayOrder(ranked).map((h) => h.title)).toEqual(
      indices.map(([title]) => title),
    );
  });

  it('leaves out kinds without hits', () => {
    expect(groupHits([hit('organisation', 'Region')]).map((g) => g.kind)).toEqual([
      'organisation',
    ]);
    expect(groupHits([])).toEqual([]);
  });
});

describe('hitHref', () => {
  it('opens the household for people and the organisation for contact persons', () => {
    expect(hitHref(hit('person', 'Anna', 'h1'))).toBe('#/households/h1');
    expect(hitHref(hit('contact_person', 'Per', 'o1'))).toBe('#/organisations/o1');
  });
});
