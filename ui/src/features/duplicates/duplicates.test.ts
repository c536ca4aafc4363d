import { beforeEach, describe, expect, it } from 'vitest';
import type { DuplicatePair, MergeField } from '$ipc';
import { setLocale } from '$lib/i18n/index.svelte';
import { href, parseHash, sectionOf, type Route } from '$lib/routes';
import {
  MOVE_TABLES,
  afterMergeRoute,
  combinedList,
  defaultChoices,
  fieldLabel,
  filterPairs,
  mergeBackRoute,
  mergeErrorText,
  mergeRoute,
  moveSummary,
  moveText,
  notDuplicatesArgs,
  organisationMergeRoute,
  pairCounts,
  pairKey,
  shownValue,
  takeFromMerged,
  undoneText,
} from './duplicates';

beforeEach(() => setLocale('sv'));

const side = (household: string, person: string) => ({
  household: { id: `h-${household}`, name: `Familjen ${household}` },
  person: { id: `p-${person}`, name: person },
});

const householdPair: DuplicatePair = {
  level: 'household',
  score: 97,
  confidence: 'high',
  reasons: ['same_email', 'same_phone'],
  a: side('Lind', 'Anna Lind'),
  b: side('Lind2', 'Anna Lind'),
};
const personPair: DuplicatePair = {
  level: 'person',
  score: 75,
  confidence: 'medium',
  reasons: ['same_name', 'same_municipality'],
  a: side('Ek', 'Jonas Ek'),
  b: { household: { id: 'h-Ek', name: 'Familjen Ek' }, person: { id: 'p-Jonas2', name: 'Jonas Ek' } },
};

const field = (name: string, kept: string, merged: string, list = false): MergeField => ({
  field: name,
  kept,
  merged,
  list,
  differs: kept !== merged,
});

describe('the list of pairs', () => {
  const pairs = [householdPair, personPair];

  it('filters households and people, and counts each', () => {
    expect(filterPairs(pairs, 'all')).toEqual(pairs);
    expect(filterPairs(pairs, 'household')).toEqual([householdPair]);
    expect(filterPairs(pairs, 'person')).toEqual([personPair]);
    expect(pairCounts(pairs)).toEqual({ all: 2, household: 1, person: 1 });
    expect(pairCounts([])).toEqual({ all: 0, household: 0, person: 0 });
  });

  it('keys a pair by its level and people, so two pairs of one household pair differ', () => {
    expect(pairKey(householdPair)).toBe('household:p-Anna Lind:p-Anna Lind');
    expect(new Set(pairs.map(pairKey)).size).toBe(2);
  });

  it('remembers "not duplicates" for households by household ids, for people by person ids', () => {
    expect(notDuplicatesArgs(householdPair)).toEqual({ entity: 'households', a: 'h-Lind', b: 'h-Lind2' });
    expect(notDuplicatesArgs(personPair)).toEqual({ entity: 'persons', a: 'p-Jonas Ek', b: 'p-Jonas2' });
  });

  it('opens the merge screen with the first side kept; people carry their household', () => {
    expect(mergeRoute(householdPair)).toEqual({
      name: 'duplicates-merge',
      entity: 'households',
      kept: 'h-Lind',
      merged: 'h-Lind2',
      household: null,
    });
    expect(mergeRoute(personPair)).toMatchObject({ entity: 'persons', kept: 'p-Jonas Ek', merged: 'p-Jonas2', household: 'h-Ek' });
  });

  it('lands on the kept record after a merge', () => {
    expect(afterMergeRoute('households', 'h1', null)).toEqual({ name: 'households-detail', id: 'h1' });
    expect(afterMergeRoute('persons', 'p1', 'h9')).toEqual({ name: 'households-detail', id: 'h9' });
    expect(afterMergeRoute('persons', 'p1', null)).toEqual({ name: 'duplicates' });
    expect(afterMergeRoute('organisations', 'o1', null)).toEqual({ name: 'organisations-detail', id: 'o1' });
  });

  it('opens the merge of two organisations with the one whose page it started on kept', () => {
    expect(organisationMergeRoute('o-kept', 'o-picked')).toEqual({
      name: 'duplicates-merge',
      entity: 'organisations',
      kept: 'o-kept',
      merged: 'o-picked',
      household: null,
    });
  });

  it('leads back to where the merge started: the organisation page, or the duplicate scan', () => {
    expect(mergeBackRoute('organisations', 'o1')).toEqual({ name: 'organisations-detail', id: 'o1' });
    expect(mergeBackRoute('households', 'h1')).toEqual({ name: 'duplicates' });
    expect(mergeBackRoute('persons', 'p1')).toEqual({ name: 'duplicates' });
  });
});

describe('routes', () => {
  const routes: Route[] = [
    { name: 'duplicates' },
    mergeRoute(householdPair),
    mergeRoute(personPair),
    { name: 'duplicates-merge', entity: 'organisations', kept: 'a b&c', merged: 'ö/2', household: null },
    organisationMergeRoute('o-1', 'o-2'),
  ];

  it.each(routes)('round-trips through parseHash: %o', (route) => {
    expect(parseHash(href(route))).toEqual(route);
  });

  it('refuses a merge link without both records or with an unknown entity', () => {
    expect(parseHash('#/duplicates/merge?entity=households&kept=a').name).toBe('not-found');
    expect(parseHash('#/duplicates/merge?entity=hosts&kept=a&merged=b').name).toBe('not-found');
    expect(parseHash('#/duplicates/other').name).toBe('not-found');
  });

  it('puts both pages under Dubbletter in the navigation', () => {
    for (const route of routes) expect(sectionOf(route)).toBe('duplicates');
  });
});

describe('the merge choices', () => {
  const fields = [
    field('name', 'Familjen Lind', 'Lind'),
    field('stage', 'lead_captured', 'contacted'),
    field('notes', '', 'Vill bo nära fjällen'),
    field('source', 'Mässa', ''),
    field('owner_id', 'Karin', 'Karin'),
    field('tags', 'Mässa Östersund', 'Mässa Åre', true),
  ];

  it('preselects the kept value, or the merged one where the kept record has none', () => {
    expect(defaultChoices(fields)).toEqual({ name: 'kept', stage: 'kept', notes: 'merged', source: 'kept' });
  });

  it('offers no choice for lists or fields that are the same', () => {
    const choices = defaultChoices(fields);
    expect(choices).not.toHaveProperty('tags');
    expect(choices).not.toHaveProperty('owner_id');
  });

  it('takes from the merged record exactly the fields chosen so, in field order', () => {
    const choices = { ...defaultChoices(fields), stage: 'merged' as const };
    expect(takeFromMerged(fields, choices)).toEqual(['stage', 'notes']);
    expect(takeFromMerged(fields, { ...choices, tags: 'merged', owner_id: 'merged' })).toEqual(['stage', 'notes']);
    expect(takeFromMerged(fields, {})).toEqual([]);
  });

  it('joins lists as the backend does: the kept items first, no repeats whatever the case', () => {
    expect(combinedList('Östersund, Åre', 'åre, Krokom')).toEqual(['Östersund', 'Åre', 'Krokom']);
    expect(combinedList('', 'Krokom')).toEqual(['Krokom']);
    expect(combinedList('', '')).toEqual([]);
  });
});

describe('words', () => {
  it('says what moves, with Swedish and English nouns and counts', () => {
    const moves = [
      { table: 'persons', count: 2 },
      { table: 'interactions', count: 3 },
      { table: 'stage_changes', count: 1 },
    ];
    expect(moveSummary(moves)).toBe('2 personer, 3 händelser i tidslinjen och 1 stegändring');
    setLocale('en');
    expect(moveSummary(moves)).toBe('2 people, 3 timeline entries and 1 stage change');
    expect(moveSummary([])).toBe('');
  });

  it('has a noun for every table a merge moves, and a fallback for a new one', () => {
    for (const table of MOVE_TABLES) {
      expect(moveText({ table, count: 1 })).not.toContain(table);
      expect(moveText({ table, count: 4 })).toMatch(/^4 /);
    }
    expect(moveText({ table: 'checklist_items', count: 2 })).toBe('2 rader i checklist_items');
  });

  it('names every field and translates codes', () => {
    expect(fieldLabel('households', 'desired_municipalities')).toBe('Önskade kommuner');
    expect(fieldLabel('persons', 'birth_year')).toBe('Födelseår');
    expect(fieldLabel('organisations', 'website')).toBe('Webbplats');
    expect(fieldLabel('households', 'something_new')).toBe('something_new');
    expect(shownValue('households', 'stage', 'contacted')).toBe('Kontaktad');
    expect(shownValue('households', 'time_frame', 'within_1_year')).toBe('Inom ett år');
    expect(shownValue('persons', 'role', 'child')).toBe('Barn');
    expect(shownValue('organisations', 'kind', 'employer')).toBe('Arbetsgivare');
    expect(shownValue('households', 'source', 'contacted')).toBe('contacted');
    expect(shownValue('households', 'stage', '')).toBe('');
  });

  it('turns errors into sentences', () => {
    expect(mergeErrorText({ code: 'validation', kind: 'not_same_household', field: 'merged_id' })).toBe(
      'Två personer kan bara slås ihop om de hör till samma hushåll. Slå ihop hushållen först.',
    );
    expect(mergeErrorText({ code: 'validation', kind: 'already_undone', field: 'merge' })).toBe(
      'Sammanslagningen är redan ångrad.',
    );
    expect(mergeErrorText({ code: 'not_found', kind: null })).toMatch(/finns inte längre/);
  });

  it('says an undo is done, and how many later edits were kept', () => {
    expect(undoneText({ removed: 0, restored: 2, kept: 0 }, 'Lind')).toBe(
      'Sammanslagningen är ångrad: Lind är en egen post igen.',
    );
    expect(undoneText({ removed: 0, restored: 2, kept: 1 }, 'Lind')).toMatch(/behölls: 1\.$/);
  });
});
