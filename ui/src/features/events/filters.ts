// The event list's filters: what the toolbar holds, and the backend filter it becomes.
import type { EventFilter, EventKind, EventWhen, FourT } from '$ipc';

export interface EventListFilters {
  when: EventWhen;
  kind: EventKind | null;
  fourT: FourT | null;
  /** As the year select holds it: "2026", or null for all years. */
  year: string | null;
  query: string;
}

export function defaultFilters(): EventListFilters {
  return { when: 'upcoming', kind: null, fourT: null, year: null, query: '' };
}

export function toEventFilter(filters: EventListFilters, query: string = filters.query): EventFilter {
  const text = query.trim();
  const year = filters.year === null ? null : Number(filters.year);
  return {
    when: filters.when,
    kind: filters.kind,
    four_t: filters.fourT,
    year: year !== null && Number.isInteger(year) ? year : null,
    query: text === '' ? null : text,
  };
}

/** Whether anything narrows the list beyond the upcoming/past/all choice. */
export function narrowsList(filters: EventListFilters): boolean {
  return (
    filters.kind !== null || filters.fourT !== null || filters.year !== null || filters.query.trim() !== ''
  );
}

/**
 * Years to offer in a year filter: every year an event starts in, the current year and the
 * year chosen now (so a chosen year never vanishes from its own select), newest first.
 */
export function yearChoices(
  startDates: readonly string[],
  currentYear: number,
  chosen: string | null = null,
): string[] {
  const years = new Set<number>([currentYear]);
  for (const day of startDates) {
    const year = Number(day.slice(0, 4));
    if (Number.isInteger(year) && year > 0) years.add(year);
  }
  if (chosen !== null && Number.isInteger(Number(chosen))) years.add(Number(chosen));
  return [...years].sort((a, b) => b - a).map(String);
}

/** Lower case without accents, so "ostersund" finds "Östersund" and "Ostersund". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('sv');
}

/** The items whose name contains every word of `query`, ignoring case and accents. */
export function filterByName<T extends { name: string }>(items: readonly T[], query: string): T[] {
  const words = fold(query).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    const name = fold(item.name);
    return words.every((w) => name.includes(w));
  });
}
