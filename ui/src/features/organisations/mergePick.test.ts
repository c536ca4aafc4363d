import { describe, expect, it } from 'vitest';
import type { OrganisationRow } from '$ipc';
import { MERGE_PICK_LIMIT, enterInSearch, mergeCandidates } from './mergePick';

const org = (id: string, name = id): OrganisationRow => ({
  id,
  name,
  kind: 'employer',
  municipality: null,
  participating: false,
  participating_since: null,
  contacts: 0,
  households: 0,
});

describe('mergeCandidates', () => {
  it('never lists the open organisation: it cannot be merged with itself', () => {
    const rows = [org('self'), org('a'), org('b')];
    expect(mergeCandidates(rows, 'self', null).map((r) => r.id), 'the open one is left out').toEqual(['a', 'b']);
  });

  it('keeps the chosen organisation visible, first, when a new search no longer lists it', () => {
    const chosen = org('picked');
    expect(mergeCandidates([org('a')], 'self', chosen).map((r) => r.id), 'the choice stays on screen').toEqual([
      'picked',
      'a',
    ]);
    expect(mergeCandidates([org('a'), chosen], 'self', chosen).map((r) => r.id), 'listed once, where the search has it').toEqual([
      'a',
      'picked',
    ]);
  });

  it('lists at most the limit, counted after the open organisation is left out', () => {
    const rows = [org('self'), ...Array.from({ length: MERGE_PICK_LIMIT + 5 }, (_, i) => org(`o${i}`))];
    const shown = mergeCandidates(rows, 'self', null);
    expect(shown, 'a long list is narrowed by typing').toHaveLength(MERGE_PICK_LIMIT);
    expect(shown[0]?.id).toBe('o0');
  });

  it('lists nothing when the only match is the open organisation', () => {
    expect(mergeCandidates([org('self')], 'self', null), 'no one to merge with').toEqual([]);
  });
});

describe('enterInSearch', () => {
  it('picks the top match while nothing is chosen', () => {
    const top = org('a');
    expect(enterInSearch([top, org('b')], null), 'typed name and Enter picks it').toEqual({ kind: 'pick', row: top });
  });

  it('goes on to the merge screen once something is chosen', () => {
    expect(enterInSearch([org('a')], org('b')), 'a second Enter continues').toEqual({ kind: 'submit' });
  });

  it('does nothing when there is no match and no choice', () => {
    expect(enterInSearch([], null), 'nothing to pick').toEqual({ kind: 'nothing' });
  });
});
