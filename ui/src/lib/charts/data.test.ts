import { describe, expect, it } from 'vitest';
import type { EventYield, IndicatorValue } from '$ipc';
import {
  eventSeries,
  fillMonths,
  fourTSeries,
  funnelSeries,
  isEmptySeries,
  monthLabel,
  monthSeries,
  seriesSummary,
  statusTone,
  targetRows,
} from './data';

const upper = (s: string) => s.toUpperCase();

describe('funnelSeries', () => {
  it('keeps the stage order and colours each bar by its phase', () => {
    const series = funnelSeries(
      [
        { stage: 'lead_captured', reached: 323 },
        { stage: 'arrived', reached: 64 },
        { stage: 'retained', reached: 20 },
        { stage: 'ambassador', reached: 5 },
      ],
      upper,
      'Reached',
    );
    expect(series.labels).toEqual(['LEAD_CAPTURED', 'ARRIVED', 'RETAINED', 'AMBASSADOR']);
    expect(series.datasets).toHaveLength(1);
    expect(series.datasets[0]?.values).toEqual([323, 64, 20, 5]);
    expect(series.datasets[0]?.tones).toEqual(['attract', 'welcome', 'integrate', 'brand']);
  });
});

describe('monthLabel', () => {
  it('writes a short month and the year in the UI language', () => {
    expect(monthLabel('2026-01', 'en-GB')).toBe('Jan 2026');
    expect(monthLabel('2026-03', 'sv-SE')).toMatch(/^mars 2026$/);
    expect(monthLabel('2025-12', 'sv-SE')).toMatch(/^dec\.? 2025$/);
  });

  it('leaves something that is not a month as it is', () => {
    expect(monthLabel('soon', 'sv-SE')).toBe('soon');
  });
});

describe('fillMonths', () => {
  it('fills the months the backend left out with zeros, across a new year', () => {
    const filled = fillMonths([
      { month: '2026-02', leads: 3, arrivals: 1 },
      { month: '2025-11', leads: 5, arrivals: 0 },
    ]);
    expect(filled.map((m) => m.month)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(filled.map((m) => m.leads)).toEqual([5, 0, 0, 3]);
    expect(filled.map((m) => m.arrivals)).toEqual([0, 0, 0, 1]);
  });

  it('is empty without months', () => {
    expect(fillMonths([])).toEqual([]);
  });
});

describe('monthSeries', () => {
  it('has leads and arrivals per month', () => {
    const series = monthSeries(
      [
        { month: '2026-01', leads: 4, arrivals: 1 },
        { month: '2026-02', leads: 6, arrivals: 2 },
      ],
      'en-GB',
      { leads: 'Leads', arrivals: 'Arrivals' },
    );
    expect(series.labels).toEqual(['Jan 2026', 'Feb 2026']);
    expect(series.datasets.map((d) => d.label)).toEqual(['Leads', 'Arrivals']);
    expect(series.datasets.map((d) => d.values)).toEqual([
      [4, 6],
      [1, 2],
    ]);
  });
});

describe('eventSeries', () => {
  const labels = {
    leads: 'Leads',
    arrivals: 'Arrivals',
    noEvent: 'No event',
    others: (n: number) => `${n} other events`,
  };
  const event = (name: string, leads: number, arrivals: number): EventYield => ({
    event: { id: name, name },
    leads,
    arrivals,
  });

  it('puts the events with most leads first and leads without an event last', () => {
    const series = eventSeries(
      [{ event: null, leads: 40, arrivals: 9 }, event('Fair', 12, 3), event('Campaign', 30, 2)],
      labels,
    );
    expect(series.labels).toEqual(['Campaign', 'Fair', 'No event']);
    expect(series.datasets[0]?.values).toEqual([30, 12, 40]);
    expect(series.datasets[1]?.values).toEqual([2, 3, 9]);
  });

  it('sums the events beyond the limit into one bar', () => {
    const series = eventSeries([event('A', 9, 1), event('B', 8, 1), event('C', 7, 2), event('D', 1, 0)], labels, 3);
    expect(series.labels).toEqual(['A', 'B', '2 other events']);
    expect(series.datasets[0]?.values).toEqual([9, 8, 8]);
    expect(series.datasets[1]?.values).toEqual([1, 1, 2]);
  });
});

describe('fourTSeries', () => {
  it('lists all four T’s in order, zero where there was nothing', () => {
    const series = fourTSeries(
      [
        { four_t: 'technology', count: 2 },
        { four_t: 'talent', count: 5 },
      ],
      upper,
      'Activities',
    );
    expect(series.labels).toEqual(['TALENT', 'TOLERANCE', 'TECHNOLOGY', 'TERRITORIAL_ASSETS']);
    expect(series.datasets[0]?.values).toEqual([5, 0, 2, 0]);
  });
});

describe('isEmptySeries', () => {
  it('is empty without categories or with only zeros', () => {
    expect(isEmptySeries({ labels: [], datasets: [] })).toBe(true);
    expect(isEmptySeries({ labels: ['a'], datasets: [{ label: 'x', values: [0], tone: 'accent' }] })).toBe(true);
    expect(isEmptySeries({ labels: ['a'], datasets: [{ label: 'x', values: [1], tone: 'accent' }] })).toBe(false);
  });
});

describe('seriesSummary', () => {
  const format = (n: number) => new Intl.NumberFormat('sv-SE').format(n);

  it('names every category with its value for one dataset', () => {
    const summary = seriesSummary(
      { labels: ['Talang', 'Tolerans'], datasets: [{ label: 'Aktiviteter', values: [1200, 3], tone: 'accent' }] },
      format,
      (d, s) => `${d} ${s}`,
    );
    expect(summary).toBe('Talang: 1\u00a0200, Tolerans: 3');
  });

  it('gives each dataset’s total when there are two', () => {
    const summary = seriesSummary(
      {
        labels: ['jan', 'feb'],
        datasets: [
          { label: 'Leads', values: [4, 6], tone: 'attract' },
          { label: 'Inflyttade', values: [1, 2], tone: 'welcome' },
        ],
      },
      format,
      (d, s) => `${d} totalt ${s}`,
    );
    expect(summary).toBe('Leads totalt 10, Inflyttade totalt 3');
  });
});

describe('targetRows', () => {
  const value = (over: Partial<IndicatorValue>): IndicatorValue => ({
    indicator: 'households_arrived',
    value: 0,
    project_to_date: 0,
    progress: null,
    ...over,
  });

  it('keeps only indicators with a target and places fill and marker on the target', () => {
    const rows = targetRows([
      value({ indicator: 'leads_captured' }),
      value({
        project_to_date: 64,
        progress: { target: 90, actual: 64, expected: 57, period_passed_permille: 631, status: 'on_track' },
      }),
    ]);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row?.indicator).toBe('households_arrived');
    expect(row?.percent).toBe(71);
    expect(row?.fill).toBeCloseTo(71.1, 1);
    expect(row?.marker).toBeCloseTo(63.3, 1);
    expect(row?.status).toBe('on_track');
  });

  it('caps the bar at the target but keeps the real percentage', () => {
    const [row] = targetRows([
      value({
        indicator: 'host_trainings',
        progress: { target: 2, actual: 3, expected: null, period_passed_permille: null, status: 'reached' },
      }),
    ]);
    expect(row?.fill).toBe(100);
    expect(row?.percent).toBe(150);
    expect(row?.marker).toBeNull();
  });
});

describe('statusTone', () => {
  it('colours reached green and behind amber', () => {
    expect(statusTone('reached')).toBe('integrate');
    expect(statusTone('on_track')).toBe('accent');
    expect(statusTone('behind')).toBe('welcome');
    expect(statusTone('no_pace')).toBe('neutral');
  });
});
