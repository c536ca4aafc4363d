import { beforeEach, describe, expect, it } from 'vitest';
import type { OutcomeReport, Outcomes } from '$ipc';
import { setLocale } from '$lib/i18n/index.svelte';
import { eventRows, fourTRows, kindRows, totalRow } from './outcomes';

const none: Outcomes = { leads: 0, contacted: 0, engaged: 0, arrived: 0, retained: 0, cost: null, cost_per_arrived: null };
const some: Outcomes = { leads: 40, contacted: 30, engaged: 12, arrived: 3, retained: 1, cost: '45000', cost_per_arrived: '15000' };

const report: OutcomeReport = {
  year: 2026,
  by_event: [
    {
      event: {
        id: 'e1',
        kind: 'fair',
        name: 'Jobbmässan',
        starts_on: '2026-03-03',
        ends_on: '2026-03-04',
        place: null,
        four_t: ['talent', 'territorial_assets'],
        leads: 40,
        arrived: 3,
      },
      outcomes: some,
    },
    {
      event: {
        id: 'e2',
        kind: 'host_training',
        name: 'Värdskapsutbildning',
        starts_on: '2026-04-10',
        ends_on: null,
        place: null,
        four_t: [],
        leads: 0,
        arrived: 0,
      },
      outcomes: none,
    },
  ],
  by_kind: [
    { key: 'fair', events: 1, outcomes: some },
    { key: 'host_training', events: 1, outcomes: none },
  ],
  by_four_t: [
    { key: 'talent', events: 1, outcomes: some },
    { key: 'territorial_assets', events: 1, outcomes: some },
  ],
  total: some,
};

beforeEach(() => setLocale('sv'));

describe('outcome rows', () => {
  it('lists each event with a link to its page and its kind and dates', () => {
    const rows = eventRows(report, 'sv-SE');
    expect(rows.map((r) => r.label)).toEqual(['Jobbmässan', 'Värdskapsutbildning']);
    expect(rows[0]!.href).toBe('#/events/e1');
    expect(rows[0]!.sub?.replace(/\s/g, ' ')).toBe('Mässa · 3–4 mars 2026');
  });

  it('labels kinds and 4T categories in the UI language', () => {
    expect(kindRows(report).map((r) => r.label)).toEqual(['Mässa', 'Värdskapsutbildning']);
    setLocale('en');
    expect(fourTRows(report).map((r) => r.label)).toEqual(['Talent', 'Territorial assets']);
  });

  it('counts every event once in the total, even one with several T’s', () => {
    const fourTEvents = fourTRows(report).reduce((sum, r) => sum + r.events, 0);
    expect(fourTEvents, 'the fair is counted under both of its T’s').toBe(2);
    expect(totalRow(report)).toEqual({ events: 2, outcomes: some });
  });
});
