import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HouseholdInput, MemberInput, SimilarHousehold } from '$ipc';
import { setLocale } from '$lib/i18n/index.svelte';
import {
  createSimilarLookup,
  reasonWords,
  SIMILAR_DELAY_MS,
  similarityKey,
  worthAskingSimilar,
} from './similar';

const member = (over: Partial<MemberInput> = {}): MemberInput => ({
  id: null,
  first_name: '',
  last_name: '',
  role: 'adult',
  birth_year: null,
  languages: [],
  profession: '',
  emails: [],
  phones: [],
  ...over,
});

const household = (members: MemberInput[], over: Partial<HouseholdInput> = {}): HouseholdInput => ({
  name: '',
  members,
  desired_municipalities: ['Östersund'],
  source: '',
  source_event_id: null,
  tags: [],
  interests: [],
  notes: '',
  owner_id: null,
  stage: null,
  time_frame: null,
  ...over,
});

const anna = (first = 'Anna') => household([member({ first_name: first, last_name: 'Lind' })]);

const found = (name: string): SimilarHousehold => ({
  household: { id: `h-${name}`, name },
  person: { id: `p-${name}`, name },
  member_index: 0,
  score: 75,
  confidence: 'medium',
  reasons: ['same_name', 'same_municipality'],
  stage: 'lead_captured',
});

describe('worthAskingSimilar', () => {
  it('waits for a full name of an adult, or a contact detail that can match', () => {
    expect(worthAskingSimilar(household([member()]))).toBe(false);
    expect(worthAskingSimilar(household([member({ first_name: 'Anna' })])), 'a first name alone').toBe(false);
    expect(worthAskingSimilar(anna())).toBe(true);
    expect(
      worthAskingSimilar(household([member({ role: null, first_name: 'Anna', last_name: 'Lind' })])),
      'a member without a role is an adult',
    ).toBe(true);
    expect(
      worthAskingSimilar(household([member({ role: 'child', first_name: 'Elsa', last_name: 'Lind' })])),
      'a child alone does not start the look-up',
    ).toBe(false);
    expect(worthAskingSimilar(household([member({ emails: ['an@'] })]))).toBe(false);
    expect(worthAskingSimilar(household([member({ emails: ['a@b.se'] })]))).toBe(true);
    expect(worthAskingSimilar(household([member({ role: 'child', phones: ['070-123 45'] })]))).toBe(true);
  });
});

describe('similarityKey', () => {
  it('changes with what is compared, not with notes or tags', () => {
    const base = similarityKey(anna());
    expect(similarityKey({ ...anna(), notes: 'Ringde i mars', tags: ['mässa'] })).toBe(base);
    expect(similarityKey(anna('Ana'))).not.toBe(base);
    expect(similarityKey({ ...anna(), desired_municipalities: ['Åre'] })).not.toBe(base);
  });
});

describe('createSimilarLookup', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks once, after typing pauses', async () => {
    const ask = vi.fn(() => Promise.resolve([found('Lind')]));
    const onResult = vi.fn();
    const lookup = createSimilarLookup(ask, onResult);
    for (const typed of ['An', 'Ann', 'Anna']) {
      lookup.update(anna(typed));
      vi.advanceTimersByTime(100);
    }
    expect(ask).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask).toHaveBeenCalledWith(anna('Anna'));
    expect(onResult).toHaveBeenLastCalledWith([found('Lind')]);
  });

  it('does not ask again when only other fields change', async () => {
    const ask = vi.fn(() => Promise.resolve([found('Lind')]));
    const lookup = createSimilarLookup(ask, vi.fn());
    lookup.update(anna());
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    lookup.update({ ...anna(), notes: 'Vill bo nära fjällen' });
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    expect(ask).toHaveBeenCalledTimes(1);
  });

  it('drops an answer that arrives after newer typing', async () => {
    let answer: (f: SimilarHousehold[]) => void = () => {};
    const ask = vi.fn(() => new Promise<SimilarHousehold[]>((resolve) => (answer = resolve)));
    const onResult = vi.fn();
    const lookup = createSimilarLookup(ask, onResult);
    lookup.update(anna('Anna'));
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    lookup.update(anna('Annika'));
    answer([found('Stale')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(onResult).not.toHaveBeenCalledWith([found('Stale')]);
  });

  it('clears at once when nothing left can match', async () => {
    const onResult = vi.fn();
    const lookup = createSimilarLookup(() => Promise.resolve([found('Lind')]), onResult);
    lookup.update(anna());
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    expect(onResult).toHaveBeenLastCalledWith([found('Lind')]);
    lookup.update(household([member({ first_name: 'Anna' })]));
    expect(onResult, 'the family name was erased').toHaveBeenLastCalledWith([]);
  });

  it('treats a failed look-up as no warning', async () => {
    const onResult = vi.fn();
    const lookup = createSimilarLookup(() => Promise.reject(new Error('down')), onResult);
    lookup.update(anna());
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    expect(onResult).toHaveBeenLastCalledWith([]);
  });

  it('takes an existing household as seen when its form opens, and asks once it is edited', async () => {
    const ask = vi.fn(() => Promise.resolve([found('Lind')]));
    const onResult = vi.fn();
    const lookup = createSimilarLookup(ask, onResult);
    lookup.start(anna());
    lookup.update(anna());
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    expect(ask, 'opening an edit is not typing').not.toHaveBeenCalled();
    lookup.update(anna('Ana'));
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    expect(ask).toHaveBeenCalledTimes(1);
    // A new household starts from nothing: the same names are asked about again.
    lookup.start(null);
    expect(onResult).toHaveBeenLastCalledWith([]);
    lookup.update(anna('Ana'));
    await vi.advanceTimersByTimeAsync(SIMILAR_DELAY_MS);
    expect(ask).toHaveBeenCalledTimes(2);
  });
});

describe('reasonWords', () => {
  beforeEach(() => {
    localStorage.clear();
    setLocale('sv');
  });

  it('says a name together with the municipality it counts in', () => {
    expect(reasonWords(['same_email', 'same_name'])).toEqual(['samma e-post', 'samma namn']);
    expect(reasonWords(['same_name', 'same_municipality'])).toEqual(['samma namn i samma kommun']);
    expect(reasonWords(['similar_name', 'same_municipality'])).toEqual(['liknande namn i samma kommun']);
    expect(reasonWords(['same_phone', 'different_birth_year'])).toEqual(['samma telefon', 'olika födelseår']);
  });

  it('speaks English too', () => {
    setLocale('en');
    expect(reasonWords(['same_email', 'similar_name', 'same_municipality'])).toEqual([
      'same email',
      'similar name in the same municipality',
    ]);
  });
});
