// The duplicate warning of the household form: while people are typed, ask (debounced) which
// existing households look like this one. Only what the comparison uses (names, roles, birth
// years, emails, phones, municipalities) counts as a change, so typing a note asks nothing; an
// answer that arrives after newer typing is dropped, so the warning never describes a draft
// that is no longer on screen.
import type { DuplicateReason, HouseholdInput, SimilarHousehold } from '$ipc';
import { t } from '$lib/i18n/index.svelte';
import { debounce, realTimers, type TimerApi } from '../fair/idle';
import { worthAsking } from '../fair/matches';

export const SIMILAR_DELAY_MS = 300;

/** The parts of the input the comparison reads, as one string to compare drafts by. */
export function similarityKey(input: HouseholdInput): string {
  return JSON.stringify([
    input.members.map((m) => [m.role, m.first_name, m.last_name, m.birth_year, m.emails, m.phones]),
    input.desired_municipalities,
  ]);
}

/**
 * Whether the draft can look like anyone yet: an adult with a first and a family name (a name
 * is compared within the same family name), or anyone with an email or phone complete enough
 * to match (as in fair mode).
 */
export function worthAskingSimilar(input: HouseholdInput): boolean {
  return input.members.some(
    (m) =>
      (m.role !== 'child' && m.first_name.trim() !== '' && m.last_name.trim() !== '') ||
      m.emails.some((e) => worthAsking(e, '')) ||
      m.phones.some((p) => worthAsking('', p)),
  );
}

export interface SimilarLookup {
  /** The draft changed. */
  update(input: HouseholdInput): void;
  /**
   * Starts over for a dialog just opened: clears the answer and takes `input` (an existing
   * household's saved state, or `null` for a new one) as already seen, so only typing asks.
   */
  start(input: HouseholdInput | null): void;
  /** Stops for good (the form goes away). */
  dispose(): void;
}

/** `T`: what the dialog makes of each answer (e.g. a `SimilarHousehold` with the member's name). */
export function createSimilarLookup<T = SimilarHousehold>(
  ask: (input: HouseholdInput) => Promise<T[]>,
  onResult: (found: T[]) => void,
  ms = SIMILAR_DELAY_MS,
  timers: TimerApi = realTimers,
): SimilarLookup {
  let generation = 0;
  let last = '';
  let disposed = false;

  const run = debounce(
    (input: HouseholdInput, asked: number) => {
      ask(input).then(
        (found) => {
          if (!disposed && asked === generation) onResult(found);
        },
        () => {
          // A failed look-up only means no warning; saving still works.
          if (!disposed && asked === generation) onResult([]);
        },
      );
    },
    ms,
    timers,
  );

  return {
    update(input) {
      const key = similarityKey(input);
      if (key === last) return;
      last = key;
      generation += 1;
      if (!worthAskingSimilar(input)) {
        run.cancel();
        onResult([]);
        return;
      }
      run(input, generation);
    },
    start(input) {
      generation += 1;
      last = input ? similarityKey(input) : '';
      run.cancel();
      onResult([]);
    },
    dispose() {
      disposed = true;
      run.cancel();
    },
  };
}

const REASON_KEYS = {
  same_email: 'households.similar.reason.same_email',
  same_phone: 'households.similar.reason.same_phone',
  same_name: 'households.similar.reason.same_name',
  similar_name: 'households.similar.reason.similar_name',
  same_municipality: 'households.similar.reason.same_municipality',
  different_birth_year: 'households.similar.reason.different_birth_year',
} as const satisfies Record<DuplicateReason, string>;

/**
 * The reasons in words, strongest first. A name counts only in the same municipality, so the
 * two are said together: "samma namn i samma kommun".
 */
export function reasonWords(reasons: readonly DuplicateReason[]): string[] {
  const samePlace = reasons.includes('same_municipality');
  const words: string[] = [];
  for (const reason of reasons) {
    if (reason === 'same_municipality' && reasons.some((r) => r === 'same_name' || r === 'similar_name')) {
      continue;
    }
    if (samePlace && reason === 'same_name') words.push(t('households.similar.reason.sameNameSamePlace'));
    else if (samePlace && reason === 'similar_name') {
      words.push(t('households.similar.reason.similarNameSamePlace'));
    } else words.push(t(REASON_KEYS[reason]));
  }
  return words;
}
