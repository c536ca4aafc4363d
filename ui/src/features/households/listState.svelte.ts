// The list's filters outlive the page component, so opening a household and going back
// returns to the same search instead of an unfiltered list.
import type { Phase, Stage } from '$ipc';

export const listFilters = $state({
  query: '',
  phase: null as Phase | null,
  stage: null as Stage | null,
  municipality: '',
  tag: '',
  ownerId: null as string | null,
});

export function hasActiveFilters(): boolean {
  return (
    listFilters.query.trim() !== '' ||
    listFilters.phase !== null ||
    listFilters.stage !== null ||
    listFilters.municipality.trim() !== '' ||
    listFilters.tag.trim() !== '' ||
    listFilters.ownerId !== null
  );
}

export function clearFilters(): void {
  listFilters.query = '';
  listFilters.phase = null;
  listFilters.stage = null;
  listFilters.municipality = '';
  listFilters.tag = '';
  listFilters.ownerId = null;
}
