// The event list's filters outlive the page, so opening an event and going back returns to
// the same selection.
import { defaultFilters, type EventListFilters } from './filters';

export const eventFilters = $state<EventListFilters>(defaultFilters());

export function clearEventFilters(): void {
  Object.assign(eventFilters, { ...defaultFilters(), when: eventFilters.when });
}
