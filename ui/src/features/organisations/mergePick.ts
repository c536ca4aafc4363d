// Picking the organisation to merge into the one whose page is open: which search results can
// be picked, and what Enter in the search field means.
import type { OrganisationRow } from '$ipc';

/** How many matches the picker lists; a longer list is narrowed by typing. */
export const MERGE_PICK_LIMIT = 50;

/**
 * The organisations the picker lists: the search's rows without the open organisation (a record
 * cannot be merged with itself), at most `limit` of them, and the chosen one first when a new
 * search no longer lists it, so the choice stays visible.
 */
export function mergeCandidates(
  rows: readonly OrganisationRow[],
  selfId: string,
  chosen: OrganisationRow | null,
  limit = MERGE_PICK_LIMIT,
): OrganisationRow[] {
  const others = rows.filter((row) => row.id !== selfId).slice(0, limit);
  if (chosen === null || chosen.id === selfId || others.some((row) => row.id === chosen.id)) return others;
  return [chosen, ...others];
}

/**
 * Enter in the search field: with nothing chosen yet it picks the top match (so a typed name
 * and Enter is enough); once something is chosen it goes on to the merge screen.
 */
export function enterInSearch(
  candidates: readonly OrganisationRow[],
  chosen: OrganisationRow | null,
): { kind: 'pick'; row: OrganisationRow } | { kind: 'submit' } | { kind: 'nothing' } {
  if (chosen !== null) return { kind: 'submit' };
  const first = candidates[0];
  return first === undefined ? { kind: 'nothing' } : { kind: 'pick', row: first };
}
