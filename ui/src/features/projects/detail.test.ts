import { describe, expect, it } from 'vitest';
import type { ProjectMember, ProjectTarget } from '$ipc';
import {
  buildTargets,
  groupTargets,
  indicatorOfField,
  isTakingPart,
  memberCounts,
  parseTarget,
  sortMembers,
  targetForm,
} from './detail';

const TARGETS: ProjectTarget[] = [
  { indicator: 'participating_organisations', target: 30 },
  { indicator: 'households_arrived', target: 400 },
  { indicator: 'host_trainings', target: null },
  { indicator: 'matches_started', target: 0 },
];

describe('parseTarget', () => {
  it('reads blank and zero as no target', () => {
    expect(parseTarget('')).toBeNull();
    expect(parseTarget('   ')).toBeNull();
    expect(parseTarget('0')).toBeNull();
  });

  it('reads whole numbers, also with grouped digits', () => {
    expect(parseTarget('400')).toBe(400);
    expect(parseTarget(' 1 000 ')).toBe(1000);
    expect(parseTarget('1\u00a0000')).toBe(1000);
    expect(parseTarget('1,000')).toBe(1000);
    expect(parseTarget('1 000 000')).toBe(1_000_000);
  });

  it('refuses fractions, negatives, words and more than the ceiling', () => {
    expect(parseTarget('2,5')).toBeUndefined();
    expect(parseTarget('-3')).toBeUndefined();
    expect(parseTarget('tjugo')).toBeUndefined();
    expect(parseTarget('1000001')).toBeUndefined();
  });
});

describe('targets form', () => {
  it('shows a missing or zero target as a blank field', () => {
    expect(targetForm(TARGETS)).toEqual({
      participating_organisations: '30',
      households_arrived: '400',
      host_trainings: '',
      matches_started: '',
    });
  });

  it('sends every indicator, a blank one as null, and names the invalid ones', () => {
    const order = TARGETS.map((t) => t.indicator);
    const built = buildTargets(
      { participating_organisations: '25', households_arrived: 'many', host_trainings: '', matches_started: '12' },
      order,
    );
    expect(built.invalid).toEqual(['households_arrived']);
    expect(built.targets).toEqual([
      { indicator: 'participating_organisations', target: 25 },
      { indicator: 'host_trainings', target: null },
      { indicator: 'matches_started', target: 12 },
    ]);
  });

  it('finds the indicator a backend error about targets[i] means', () => {
    expect(indicatorOfField('targets[1]', TARGETS)).toBe('households_arrived');
    expect(indicatorOfField('targets[9]', TARGETS)).toBeNull();
    expect(indicatorOfField('project_id', TARGETS)).toBeNull();
    expect(indicatorOfField(null, TARGETS)).toBeNull();
  });

  it('groups the indicators for the editor, keeping their order', () => {
    expect(groupTargets(TARGETS)).toEqual([
      { group: 'results', indicators: ['participating_organisations', 'households_arrived'] },
      { group: 'activities', indicators: ['host_trainings'] },
      { group: 'hosting', indicators: ['matches_started'] },
    ]);
  });
});

describe('participating organisations', () => {
  const member = (name: string, orgId: string, left_on: string | null, joined_on = '2025-01-01'): ProjectMember => ({
    id: `${orgId}-${joined_on}`,
    organisation: { id: orgId, name },
    kind: 'employer',
    municipality: null,
    joined_on,
    left_on,
  });
  const today = '2026-11-23';

  it('takes part until the day it left has come', () => {
    expect(isTakingPart(member('A', 'a', null), today)).toBe(true);
    expect(isTakingPart(member('A', 'a', '2026-12-31'), today)).toBe(true);
    expect(isTakingPart(member('A', 'a', today), today)).toBe(false);
  });

  it('counts an organisation that left and joined again once', () => {
    const members = [
      member('Alfa', 'a', '2025-06-30'),
      member('Alfa', 'a', null, '2026-01-01'),
      member('Beta', 'b', '2026-02-01'),
      member('Gamma', 'c', null),
    ];
    expect(memberCounts(members, today)).toEqual({ total: 3, left: 1 });
  });

  it('lists current members by name, then those who left, latest first', () => {
    const sorted = sortMembers(
      [member('Östersund', 'o', null), member('Beta', 'b', '2025-02-01'), member('Alfa', 'a', null), member('Cesar', 'c', '2026-02-01')],
      today,
    );
    expect(sorted.map((m) => m.organisation.name)).toEqual(['Alfa', 'Östersund', 'Cesar', 'Beta']);
  });
});
