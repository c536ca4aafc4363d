// Global search results: which page a hit opens and how hits are grouped for display.
// Shared by the top bar's dropdown and the search page, so both show the same order.
import type { SearchHit, SearchKind } from '$ipc';
import type { PlainMessageKey } from './i18n/index.svelte';
import { href } from './routes';

/** Display order of the groups: the unit of work first. */
export const SEARCH_KIND_ORDER: readonly SearchKind[] = [
  'household',
  'person',
  'organisation',
  'contact_person',
];

export const SEARCH_KIND_LABEL: Readonly<Record<SearchKind, PlainMessageKey>> = {
  household: 'search.kind.household',
  person: 'search.kind.person',
  organisation: 'search.kind.organisation',
  contact_person: 'search.kind.contact_person',
};

export interface IndexedHit {
  hit: SearchHit;
  /** Position in display order over all groups, for keyboard navigation. */
  index: number;
}

export interface HitGroup {
  kind: SearchKind;
  hits: IndexedHit[];
}

/**
 * Groups hits by kind in `SEARCH_KIND_ORDER`, keeping the backend's ranking inside each group,
 * and numbers them in the order they are shown, so arrow keys follow what the eye sees.
 */
export function groupHits(hits: readonly SearchHit[]): HitGroup[] {
  const groups: HitGroup[] = [];
  let index = 0;
  for (const kind of SEARCH_KIND_ORDER) {
    const ofKind = hits.filter((hit) => hit.kind === kind);
    if (ofKind.length === 0) continue;
    groups.push({ kind, hits: ofKind.map((hit) => ({ hit, index: index++ })) });
  }
  return groups;
}

/** The hits in display order (the flattening of `groupHits`). */
export function hitsInDisplayOrder(hits: readonly SearchHit[]): SearchHit[] {
  return groupHits(hits).flatMap((group) => group.hits.map((h) => h.hit));
}

/** People open their household; contact persons open their organisation. */
export function hitHref(hit: SearchHit): string {
  switch (hit.kind) {
    case 'household':
    case 'person':
      return href({ name: 'households-detail', id: hit.target_id });
    case 'organisation':
    case 'contact_person':
      return href({ name: 'organisations-detail', id: hit.target_id });
  }
}
