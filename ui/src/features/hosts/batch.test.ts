import { describe, expect, it } from 'vitest';
import type { BatchProposal, Score } from '$ipc';
import {
  choicesFrom,
  freePlaces,
  overbooked,
  pairsToPropose,
  selectionTotals,
  withHost,
  withKeep,
} from './batch';

const score = (total: number): Score => ({ total, criteria: [] });

const proposal: BatchProposal = {
  project: null,
  rows: [
    { household: { id: 'a', name: 'Ahmadi' }, arrived_on: '2026-01-02', host: { id: 'h1', name: 'Maria' }, score: score(80) },
    { household: { id: 'b', name: 'Berg' }, arrived_on: '2026-01-05', host: { id: 'h2', name: 'Erik' }, score: score(60) },
    { household: { id: 'c', name: 'Chen' }, arrived_on: null, host: null, score: null },
  ],
  total_score: 140,
  matched: 2,
  without_consent: 1,
  more_waiting: false,
};

describe('choicesFrom', () => {
  it('ticks the rows that got a host', () => {
    const choices = choicesFrom(proposal);
    expect(choices.map((c) => c.keep)).toEqual([true, true, false]);
    expect(pairsToPropose(choices)).toEqual([
      { household_id: 'a', host_id: 'h1' },
      { household_id: 'b', host_id: 'h2' },
    ]);
    expect(selectionTotals(choices)).toEqual({ count: 2, total: 140 });
  });
});

describe('editing', () => {
  it('drops a row from the pairs and the totals', () => {
    const choices = withKeep(choicesFrom(proposal), 'b', false);
    expect(pairsToPropose(choices)).toEqual([{ household_id: 'a', host_id: 'h1' }]);
    expect(selectionTotals(choices)).toEqual({ count: 1, total: 80 });
  });

  it('cannot tick a row without a host', () => {
    const choices = withKeep(choicesFrom(proposal), 'c', true);
    expect(choices[2]?.keep).toBe(false);
  });

  it('gives a row another host with that pair’s score, and ticks it', () => {
    const choices = withHost(choicesFrom(proposal), 'c', { host: { id: 'h2', name: 'Erik' } as never, score: score(45) });
    const c = choices[2];
    expect(c).toMatchObject({ hostId: 'h2', hostName: 'Erik', keep: true, changed: true });
    expect(selectionTotals(choices)).toEqual({ count: 3, total: 185 });
  });
});

describe('overbooked', () => {
  const hosts = [
    { id: 'h1', status: 'active' as const, capacity: 2, load: 1 },
    { id: 'h2', status: 'active' as const, capacity: 1, load: 0 },
    { id: 'h3', status: 'paused' as const, capacity: 3, load: 0 },
  ];

  it('counts free places of active hosts only', () => {
    expect([...freePlaces(hosts)]).toEqual([
      ['h1', 1],
      ['h2', 1],
      ['h3', 0],
    ]);
  });

  it('flags a host given more ticked rows than free places', () => {
    let choices = choicesFrom(proposal);
    expect(overbooked(choices, freePlaces(hosts)).size).toBe(0);
    choices = withHost(choices, 'c', { host: { id: 'h2', name: 'Erik' } as never, score: score(45) });
    expect([...overbooked(choices, freePlaces(hosts))]).toEqual(['h2']);
    choices = withKeep(choices, 'b', false);
    expect(overbooked(choices, freePlaces(hosts)).size).toBe(0);
  });

  it('does not judge hosts whose places are unknown', () => {
    const choices = withHost(choicesFrom(proposal), 'c', { host: { id: 'hx', name: 'X' } as never, score: score(1) });
    expect(overbooked(choices, new Map()).size).toBe(0);
  });
});
