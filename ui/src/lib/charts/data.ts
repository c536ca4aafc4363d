// Pure shaping of report figures into what the charts draw and the tables beside them list.
// No Chart.js and no i18n here: labels come in as functions, so every step is unit-tested and
// the words follow the UI language of whoever calls.
import type {
  EventYield,
  FourT,
  FourTCount,
  FunnelStep,
  Indicator,
  IndicatorValue,
  MonthCount,
  Stage,
  TargetStatus,
} from '$ipc';
import type { BadgeTone } from '$lib/components/types';

/** A colour from the design tokens (`--tone-<tone>-dot`); the chart resolves it when drawing. */
export type ChartTone = Exclude<BadgeTone, 'closed'>;

export interface ChartDataset {
  label: string;
  values: number[];
  tone: ChartTone;
  /** A tone per bar (e.g. the phase of each funnel stage); `tone` is the legend's colour. */
  tones?: ChartTone[];
}

export interface ChartSeries {
  /** One label per category (a bar, or a group of bars). */
  labels: string[];
  datasets: ChartDataset[];
}

/** The funnel's stages, coloured by the TAM phase they belong to. */
const STAGE_TONE: Record<Stage, ChartTone> = {
  lead_captured: 'attract',
  contacted: 'attract',
  engaged: 'attract',
  visit: 'attract',
  decided: 'attract',
  moving: 'welcome',
  arrived: 'welcome',
  registered: 'welcome',
  host_matched: 'integrate',
  settling_in: 'integrate',
  six_month_check_in: 'integrate',
  retained: 'integrate',
  ambassador: 'brand',
  not_moving: 'neutral',
  moved_away: 'neutral',
};

export function funnelSeries(
  funnel: readonly FunnelStep[],
  stageLabel: (stage: Stage) => string,
  datasetLabel: string,
): ChartSeries {
  return {
    labels: funnel.map((step) => stageLabel(step.stage)),
    datasets: [
      {
        label: datasetLabel,
        values: funnel.map((step) => step.reached),
        tone: 'attract',
        tones: funnel.map((step) => STAGE_TONE[step.stage]),
      },
    ],
  };
}

/** `YYYY-MM` as a short month in the given locale: "jan. 2026" / "Jan 2026". */
export function monthLabel(month: string, intlTag: string): string {
  const [y, m] = month.split('-').map(Number);
  if (y === undefined || m === undefined || Number.isNaN(y) || Number.isNaN(m)) return month;
  return new Intl.DateTimeFormat(intlTag, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

function nextMonth(month: string): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Every month from the first to the last, in order; a month the backend left out counts zero,
 * so the time axis never skips a month.
 */
export function fillMonths(months: readonly MonthCount[]): MonthCount[] {
  const valid = months.filter((m) => /^\d{4}-\d{2}$/.test(m.month));
  if (valid.length === 0) return [];
  const byMonth = new Map(valid.map((m) => [m.month, m]));
  const sorted = [...byMonth.keys()].sort();
  const first = sorted[0] ?? '';
  const last = sorted[sorted.length - 1] ?? '';
  const out: MonthCount[] = [];
  // A guard against a malformed month: never more than a century of bars.
  for (let month = first; month <= last && out.length < 1200; month = nextMonth(month)) {
    out.push(byMonth.get(month) ?? { month, leads: 0, arrivals: 0 });
  }
  return out;
}

export function monthSeries(
  months: readonly MonthCount[],
  intlTag: string,
  labels: { leads: string; arrivals: string },
): ChartSeries {
  const filled = fillMonths(months);
  return {
    labels: filled.map((m) => monthLabel(m.month, intlTag)),
    datasets: [
      { label: labels.leads, values: filled.map((m) => m.leads), tone: 'attract' },
      { label: labels.arrivals, values: filled.map((m) => m.arrivals), tone: 'welcome' },
    ],
  };
}

/**
 * Leads and arrivals per event, most leads first. Leads met at no event come last. Beyond
 * `limit` events the rest are summed into one bar, so a busy year still fits the chart.
 */
export function eventSeries(
  events: readonly EventYield[],
  labels: { leads: string; arrivals: string; noEvent: string; others: (count: number) => string },
  limit = 10,
): ChartSeries {
  const named = events
    .filter((e) => e.event !== null)
    .sort((a, b) => b.leads - a.leads || b.arrivals - a.arrivals || (a.event?.name ?? '').localeCompare(b.event?.name ?? ''));
  const none = events.filter((e) => e.event === null);
  const shown = named.length > limit ? named.slice(0, Math.max(limit - 1, 0)) : named;
  const rest = named.slice(shown.length);
  const rows: { label: string; leads: number; arrivals: number }[] = shown.map((e) => ({
    label: e.event?.name ?? labels.noEvent,
    leads: e.leads,
    arrivals: e.arrivals,
  }));
  if (rest.length > 0) {
    rows.push({
      label: labels.others(rest.length),
      leads: rest.reduce((sum, e) => sum + e.leads, 0),
      arrivals: rest.reduce((sum, e) => sum + e.arrivals, 0),
    });
  }
  if (none.length > 0) {
    rows.push({
      label: labels.noEvent,
      leads: none.reduce((sum, e) => sum + e.leads, 0),
      arrivals: none.reduce((sum, e) => sum + e.arrivals, 0),
    });
  }
  return {
    labels: rows.map((r) => r.label),
    datasets: [
      { label: labels.leads, values: rows.map((r) => r.leads), tone: 'attract' },
      { label: labels.arrivals, values: rows.map((r) => r.arrivals), tone: 'welcome' },
    ],
  };
}

const FOUR_T_ORDER: readonly FourT[] = ['talent', 'tolerance', 'technology', 'territorial_assets'];

/** All four T's in their usual order, a T without activities as zero. */
export function fourTSeries(
  counts: readonly FourTCount[],
  fourTLabel: (t: FourT) => string,
  datasetLabel: string,
): ChartSeries {
  const count = (t: FourT) => counts.filter((c) => c.four_t === t).reduce((sum, c) => sum + c.count, 0);
  return {
    labels: FOUR_T_ORDER.map(fourTLabel),
    datasets: [{ label: datasetLabel, values: FOUR_T_ORDER.map(count), tone: 'accent' }],
  };
}

/** True when the series has nothing to draw (no categories, or only zeros). */
export function isEmptySeries(series: ChartSeries): boolean {
  return series.labels.length === 0 || series.datasets.every((d) => d.values.every((v) => v === 0));
}

/**
 * A chart's text alternative: each category with its value when there is one dataset, or each
 * dataset's total when there are more (the table beside the chart has every number).
 */
export function seriesSummary(
  series: ChartSeries,
  format: (value: number) => string,
  total: (dataset: string, sum: string) => string,
): string {
  if (series.datasets.length === 1) {
    const values = series.datasets[0]?.values ?? [];
    return series.labels.map((label, i) => `${label}: ${format(values[i] ?? 0)}`).join(', ');
  }
  return series.datasets
    .map((d) => total(d.label, format(d.values.reduce((sum, v) => sum + v, 0))))
    .join(', ');
}

export interface TargetRow {
  indicator: Indicator;
  /** Reached from the project's start to the day measured. */
  actual: number;
  target: number;
  /** What the time passed calls for; null without an end date. */
  expected: number | null;
  status: TargetStatus;
  /** Reached, as a whole percentage of the target (may pass 100). */
  percent: number;
  /** Bar fill, 0–100 (capped at the target). */
  fill: number;
  /** Where the "expected by now" marker sits, 0–100; null without one. */
  marker: number | null;
}

/** The indicators that have a target, in the backend's order, ready to draw as bars. */
export function targetRows(indicators: readonly IndicatorValue[]): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const value of indicators) {
    const progress = value.progress;
    if (progress === null || progress.target <= 0) continue;
    const share = (n: number) => Math.min(100, Math.max(0, (n / progress.target) * 100));
    rows.push({
      indicator: value.indicator,
      actual: progress.actual,
      target: progress.target,
      expected: progress.expected,
      status: progress.status,
      percent: Math.round((progress.actual / progress.target) * 100),
      fill: share(progress.actual),
      marker: progress.expected === null ? null : share(progress.expected),
    });
  }
  return rows;
}

/** The badge colour of a target status. */
export function statusTone(status: TargetStatus): BadgeTone {
  switch (status) {
    case 'reached':
      return 'integrate';
    case 'on_track':
      return 'accent';
    case 'behind':
      return 'welcome';
    case 'no_pace':
      return 'neutral';
  }
}
