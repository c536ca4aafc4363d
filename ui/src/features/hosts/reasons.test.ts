import { beforeEach, describe, expect, it } from 'vitest';
import type { Criterion, CriterionScore, Reason } from '$ipc';
import { setLocale, type Locale } from '$lib/i18n/index.svelte';
import { CRITERIA } from './labels';
import { REASONS, counts, reasonSentence } from './reasons';

type Example = { criterion: Criterion; values: string[]; sv: string; en: string };

// One example per reason, with the values the backend sends for it (see landa-domain matching).
const EXAMPLES: Record<Exclude<Reason, 'not_applicable' | 'host_unknown'>, Example> = {
  same_village: {
    criterion: 'municipality',
    values: ['Brunflo'],
    sv: 'Bor i samma by: Brunflo',
    en: 'Lives in the same village: Brunflo',
  },
  same_municipality: {
    criterion: 'municipality',
    values: ['Östersund'],
    sv: 'Bor i samma kommun: Östersund',
    en: 'Lives in the same municipality: Östersund',
  },
  same_area: {
    criterion: 'municipality',
    values: ['Krokom'],
    sv: 'Bor i närheten: Krokom, inom projektets område',
    en: "Lives nearby: Krokom, within the project's area",
  },
  different_place: {
    criterion: 'municipality',
    values: ['Kiruna'],
    sv: 'Bor på annan ort: Kiruna',
    en: 'Lives elsewhere: Kiruna',
  },
  shared_language: {
    criterion: 'language',
    values: ['arabiska'],
    sv: 'Talar samma språk: arabiska',
    en: 'Speaks the same language: arabiska',
  },
  no_shared_language: {
    criterion: 'language',
    values: [],
    sv: 'Inget gemensamt språk',
    en: 'No language in common',
  },
  same_life_stage: {
    criterion: 'life_stage',
    values: ['family', 'family'],
    sv: 'Samma livssituation: barnfamilj',
    en: 'Same life stage: a family with children',
  },
  neighbouring_life_stage: {
    criterion: 'life_stage',
    values: ['couple', 'family'],
    sv: 'Liknande livssituation (hushållet: par, värden: barnfamilj)',
    en: 'Similar life stage (household: a couple, host: a family with children)',
  },
  different_life_stage: {
    criterion: 'life_stage',
    values: ['single', 'senior'],
    sv: 'Olika livssituation (hushållet: ensamstående, värden: senior)',
    en: 'Different life stage (household: single, host: senior)',
  },
  close_ages: {
    criterion: 'children_ages',
    values: ['7', '9'],
    sv: 'Barn i liknande ålder (värdens barn: 7, 9)',
    en: "Children of similar ages (host's children: 7, 9)",
  },
  somewhat_close_ages: {
    criterion: 'children_ages',
    values: ['12'],
    sv: 'Barn i närliggande ålder (värdens barn: 12)',
    en: "Children of fairly close ages (host's children: 12)",
  },
  distant_ages: {
    criterion: 'children_ages',
    values: ['16', '18'],
    sv: 'Barnen är i olika åldrar (värdens barn: 16, 18)',
    en: "The children's ages are far apart (host's children: 16, 18)",
  },
  host_has_no_children: {
    criterion: 'children_ages',
    values: [],
    sv: 'Värden har inga barn hemma',
    en: 'The host has no children at home',
  },
  same_profession: {
    criterion: 'profession',
    values: ['sjuksköterska'],
    sv: 'Samma yrke: sjuksköterska',
    en: 'Same profession: sjuksköterska',
  },
  related_profession: {
    criterion: 'profession',
    values: ['civilingenjör', 'ingenjör'],
    sv: 'Närliggande yrke: civilingenjör – ingenjör',
    en: 'Related profession: civilingenjör – ingenjör',
  },
  different_profession: {
    criterion: 'profession',
    values: ['snickare'],
    sv: 'Annat yrke: värden är snickare',
    en: 'Different profession: the host is snickare',
  },
  not_career_host: {
    criterion: 'profession',
    values: [],
    sv: 'Värden är inte karriärvärd – yrket räknas inte',
    en: 'The host is not a career host – profession does not count',
  },
  shared_interests: {
    criterion: 'interests',
    values: ['friluftsliv', 'körsång'],
    sv: 'Delar intressen: friluftsliv och körsång',
    en: 'Shares interests: friluftsliv and körsång',
  },
  one_shared_interest: {
    criterion: 'interests',
    values: ['fotboll'],
    sv: 'Ett gemensamt intresse: fotboll',
    en: 'One interest in common: fotboll',
  },
  no_shared_interest: {
    criterion: 'interests',
    values: [],
    sv: 'Inga gemensamma intressen',
    en: 'No interests in common',
  },
  not_culture_host: {
    criterion: 'interests',
    values: [],
    sv: 'Värden är inte kulturvärd – intressena räknas inte',
    en: 'The host is not a culture host – interests do not count',
  },
};

const NOT_APPLICABLE: Record<Criterion, { sv: string; en: string }> = {
  municipality: {
    sv: 'Ej tillämpligt – hushållet har inte angett någon ort',
    en: 'Not applicable – the household has not given a place',
  },
  language: {
    sv: 'Ej tillämpligt – hushållet har inte angett några språk',
    en: 'Not applicable – the household has not given any languages',
  },
  life_stage: {
    sv: 'Ej tillämpligt – hushållet har inte angett vilka som ingår',
    en: 'Not applicable – the household has not said who is in it',
  },
  children_ages: {
    sv: 'Ej tillämpligt – hushållet har inga barn',
    en: 'Not applicable – the household has no children',
  },
  profession: {
    sv: 'Ej tillämpligt – hushållet har inte angett något yrke',
    en: 'Not applicable – the household has not given a profession',
  },
  interests: {
    sv: 'Ej tillämpligt – hushållet har inte angett några intressen',
    en: 'Not applicable – the household has not given any interests',
  },
};

const HOST_UNKNOWN: Record<Criterion, { sv: string; en: string }> = {
  municipality: { sv: 'Värden har inte angett var hen bor', en: 'The host has not said where they live' },
  language: { sv: 'Värden har inte angett några språk', en: 'The host has not given any languages' },
  life_stage: { sv: 'Värden har inte angett sin livssituation', en: 'The host has not given their life stage' },
  children_ages: {
    sv: 'Värden har inte angett barnens åldrar',
    en: "The host has not given the children's ages",
  },
  profession: { sv: 'Värden har inte angett något yrke', en: 'The host has not given a profession' },
  interests: { sv: 'Värden har inte angett några intressen', en: 'The host has not given any interests' },
};

const LOCALES: Locale[] = ['sv', 'en'];

function line(criterion: Criterion, reason: Reason, values: string[] = []): CriterionScore {
  return { criterion, reason, values, weight: 3, percent: 0 };
}

beforeEach(() => {
  localStorage.clear();
  setLocale('sv');
});

describe('reasonSentence', () => {
  it('has an example for every reason the backend can send', () => {
    const covered = [...Object.keys(EXAMPLES), 'not_applicable', 'host_unknown'].sort();
    expect(covered).toEqual([...REASONS].sort());
  });

  for (const locale of LOCALES) {
    describe(`in ${locale}`, () => {
      beforeEach(() => setLocale(locale));

      for (const [reason, example] of Object.entries(EXAMPLES)) {
        it(`puts ${reason} into words with its values`, () => {
          expect(reasonSentence(line(example.criterion, reason as Reason, example.values))).toBe(example[locale]);
        });
      }

      it('says what the household did not give, per criterion, for not_applicable', () => {
        for (const criterion of CRITERIA) {
          expect(reasonSentence(line(criterion, 'not_applicable'))).toBe(NOT_APPLICABLE[criterion][locale]);
        }
      });

      it('says what the host did not give, per criterion, for host_unknown', () => {
        for (const criterion of CRITERIA) {
          expect(reasonSentence(line(criterion, 'host_unknown'))).toBe(HOST_UNKNOWN[criterion][locale]);
        }
      });

      it('never leaves a placeholder or an empty sentence, even without values', () => {
        for (const reason of REASONS) {
          for (const criterion of CRITERIA) {
            const text = reasonSentence(line(criterion, reason));
            expect(text.trim(), `${reason}/${criterion}`).not.toBe('');
            expect(text, `${reason}/${criterion}`).not.toMatch(/\{\w+\}/);
          }
        }
      });
    });
  }

  it('joins three shared languages the way each language does', () => {
    const three = line('language', 'shared_language', ['svenska', 'engelska', 'arabiska']);
    expect(reasonSentence(three)).toBe('Talar samma språk: svenska, engelska och arabiska');
    setLocale('en');
    expect(reasonSentence(three)).toBe('Speaks the same language: svenska, engelska and arabiska');
  });

  it('shows an unknown life stage code as it came rather than dropping it', () => {
    expect(reasonSentence(line('life_stage', 'same_life_stage', ['nomad', 'nomad']))).toBe(
      'Samma livssituation: nomad',
    );
  });

  it('falls back to the values for a reason newer than the UI', () => {
    expect(reasonSentence(line('language', 'brand_new' as Reason, ['x', 'y']))).toBe('x, y');
  });
});

describe('counts', () => {
  it('leaves out criteria that are not applicable or switched off', () => {
    expect(counts({ reason: 'same_village', weight: 5 })).toBe(true);
    expect(counts({ reason: 'not_applicable', weight: 5 })).toBe(false);
    expect(counts({ reason: 'different_place', weight: 0 })).toBe(false);
  });
});
