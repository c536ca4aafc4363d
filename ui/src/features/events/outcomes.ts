// The outcome report as table rows: one table per event, per kind of event and per 4T
// category, each with the same columns.
import type { OutcomeReport, Outcomes } from '$ipc';
import { href } from '$lib/routes';
import { eventKindLabel, fourTLabel } from '$lib/vocab';
import { formatEventDates } from './dates';

export interface OutcomeTableRow {
  key: string;
  label: string;
  /** Where the label links to (the event page), if anywhere. */
  href?: string;
  /** A second line under the label, e.g. the kind and dates of an event. */
  sub?: string;
  events: number;
  outcomes: Outcomes;
}

export function eventRows(report: OutcomeReport, intlTag: string): OutcomeTableRow[] {
  return report.by_event.map(({ event, outcomes }) => ({
    key: event.id,
    label: event.name,
    href: href({ name: 'events-detail', id: event.id }),
    sub: `${eventKindLabel(event.kind)} · ${formatEventDates(event.starts_on, event.ends_on, intlTag)}`,
    events: 1,
    outcomes,
  }));
}

export function kindRows(report: OutcomeReport): OutcomeTableRow[] {
  return report.by_kind.map((group) => ({
    key: group.key,
    label: eventKindLabel(group.key),
    events: group.events,
    outcomes: group.outcomes,
  }));
}

export function fourTRows(report: OutcomeReport): OutcomeTableRow[] {
  return report.by_four_t.map((group) => ({
    key: group.key,
    label: fourTLabel(group.key),
    events: group.events,
    outcomes: group.outcomes,
  }));
}

/** The "all events" row: every event once, however many T's it has. */
export function totalRow(report: OutcomeReport): { events: number; outcomes: Outcomes } {
  return { events: report.by_event.length, outcomes: report.total };
}
