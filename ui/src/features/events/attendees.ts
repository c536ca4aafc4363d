// Choosing a household to add as an attendee: global search hits for households and their
// members, one choice per household.
import type { SearchHit } from '$ipc';

export interface HouseholdChoice {
  id: string;
  name: string;
  /** Why it matched, when a member matched rather than the household's name. */
  via: string | null;
}

export function householdChoices(hits: readonly SearchHit[], exclude: readonly string[] = []): HouseholdChoice[] {
  const out: HouseholdChoice[] = [];
  const seen = new Set<string>(exclude);
  for (const hit of hits) {
    if (hit.kind !== 'household' && hit.kind !== 'person') continue;
    if (seen.has(hit.target_id)) continue;
    seen.add(hit.target_id);
    out.push(
      hit.kind === 'household'
        ? { id: hit.target_id, name: hit.title, via: null }
        : { id: hit.target_id, name: hit.detail || hit.title, via: hit.title },
    );
  }
  return out;
}
