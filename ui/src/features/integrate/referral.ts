// Choosing who referred a household: ambassadors are offered first (they are the ones who
// tell friends), search finds anyone else; the household itself is never a choice.
import type { HouseholdRow } from '$ipc';

export const SUGGESTION_LIMIT = 8;
export const SEARCH_LIMIT = 10;

/** Rows that can be chosen: not the household itself, each household once, in the order given. */
export function referrerChoices(rows: readonly HouseholdRow[], selfId: string): HouseholdRow[] {
  const seen = new Set<string>([selfId]);
  const out: HouseholdRow[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    out.push(row);
  }
  return out;
}

/** Search results without those already listed as suggestions. */
export function withoutSuggested(results: readonly HouseholdRow[], suggested: readonly HouseholdRow[]): HouseholdRow[] {
  const shown = new Set(suggested.map((s) => s.id));
  return results.filter((r) => !shown.has(r.id));
}
