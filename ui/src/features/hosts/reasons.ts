// One criterion of a match score as a plain-language sentence ("Bor i samma by: Brunflo").
// The backend sends a reason code and the values that matched; the words are the UI's.
import type { Criterion, CriterionScore, Reason } from '$ipc';
import { t } from '$lib/i18n/index.svelte';
import { formatList, lifeStageInSentence } from './labels';

type Line = Pick<CriterionScore, 'criterion' | 'reason' | 'values'>;

const first = (values: readonly string[]): string => values[0] ?? '–';
const ages = (values: readonly string[]): string => (values.length === 0 ? '–' : values.join(', '));

function notApplicable(criterion: Criterion): string {
  return t(`match.reason.not_applicable.${criterion}`);
}

function hostUnknown(criterion: Criterion): string {
  return t(`match.reason.host_unknown.${criterion}`);
}

/** One builder per reason: the record makes a reason the UI cannot put into words a type error. */
const SENTENCES: Readonly<Record<Reason, (line: Line) => string>> = {
  not_applicable: (l) => notApplicable(l.criterion),
  same_village: (l) => t('match.reason.same_village', { place: first(l.values) }),
  same_municipality: (l) => t('match.reason.same_municipality', { place: first(l.values) }),
  same_area: (l) => t('match.reason.same_area', { place: first(l.values) }),
  different_place: (l) => t('match.reason.different_place', { place: first(l.values) }),
  shared_language: (l) => t('match.reason.shared_language', { languages: formatList(l.values) }),
  no_shared_language: () => t('match.reason.no_shared_language'),
  same_life_stage: (l) => t('match.reason.same_life_stage', { stage: lifeStageInSentence(first(l.values)) }),
  neighbouring_life_stage: (l) =>
    t('match.reason.neighbouring_life_stage', {
      household: lifeStageInSentence(first(l.values)),
      host: lifeStageInSentence(l.values[1] ?? '–'),
    }),
  different_life_stage: (l) =>
    t('match.reason.different_life_stage', {
      household: lifeStageInSentence(first(l.values)),
      host: lifeStageInSentence(l.values[1] ?? '–'),
    }),
  close_ages: (l) => t('match.reason.close_ages', { ages: ages(l.values) }),
  somewhat_close_ages: (l) => t('match.reason.somewhat_close_ages', { ages: ages(l.values) }),
  distant_ages: (l) => t('match.reason.distant_ages', { ages: ages(l.values) }),
  host_has_no_children: () => t('match.reason.host_has_no_children'),
  same_profession: (l) => t('match.reason.same_profession', { profession: first(l.values) }),
  related_profession: (l) =>
    t('match.reason.related_profession', { household: first(l.values), host: l.values[1] ?? '–' }),
  different_profession: (l) => t('match.reason.different_profession', { profession: first(l.values) }),
  not_career_host: () => t('match.reason.not_career_host'),
  shared_interests: (l) => t('match.reason.shared_interests', { interests: formatList(l.values) }),
  one_shared_interest: (l) => t('match.reason.one_shared_interest', { interest: first(l.values) }),
  no_shared_interest: () => t('match.reason.no_shared_interest'),
  not_culture_host: () => t('match.reason.not_culture_host'),
  host_unknown: (l) => hostUnknown(l.criterion),
};

/** Every reason the backend can send, for tests and exhaustive lists. */
export const REASONS = Object.keys(SENTENCES) as Reason[];

export function reasonSentence(line: Line): string {
  const build = SENTENCES[line.reason] as ((l: Line) => string) | undefined;
  // A reason newer than this UI: say what is known rather than nothing.
  return build ? build(line) : line.values.join(', ') || line.reason;
}

/** Whether the line takes part in the total: applicable and with a weight above zero. */
export function counts(line: Pick<CriterionScore, 'reason' | 'weight'>): boolean {
  return line.reason !== 'not_applicable' && line.weight > 0;
}
