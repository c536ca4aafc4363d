// A match's life: proposed → accepted → active → ended. Which steps fit which status, and how
// an ending is checked before it is sent. The backend enforces the same rules; the UI only
// offers what the backend will take.
import type { EndMatchInput, MatchDto, MatchOutcome, MatchStatus } from '$ipc';
import type { PlainMessageKey } from '$lib/i18n/index.svelte';

export type MatchAction = 'accept' | 'meeting' | 'start' | 'end' | 'rate';

const ACTIONS: Readonly<Record<MatchStatus, readonly MatchAction[]>> = {
  // Both sides said yes: accept. Or it never got going.
  proposed: ['accept', 'end'],
  // The first meeting starts the match: logging it is the usual way, "start" the quick one.
  accepted: ['meeting', 'start', 'end'],
  active: ['meeting', 'end', 'rate'],
  // Satisfaction is often asked for after the end; it can be recorded or corrected then.
  ended: ['rate'],
};

export function actionsFor(status: MatchStatus): readonly MatchAction[] {
  return ACTIONS[status];
}

/** A match that never started can only end as "never started"; one that ran, as completed or early. */
export function outcomesFor(status: MatchStatus): MatchOutcome[] {
  switch (status) {
    case 'proposed':
    case 'accepted':
      return ['never_started'];
    case 'active':
      return ['completed', 'ended_early'];
    case 'ended':
      return [];
  }
}

export function reasonRequired(outcome: MatchOutcome | null): boolean {
  return outcome === 'ended_early';
}

/** Open matches hold a place with the host and stop the household from getting another one. */
export function isOpen(status: MatchStatus): boolean {
  return status !== 'ended';
}

/** Open matches first (latest first within), then ended ones, most recently ended first. */
export function sortMatches(matches: readonly MatchDto[]): MatchDto[] {
  const key = (m: MatchDto) => m.ended_on ?? m.started_on ?? m.accepted_on ?? m.proposed_on;
  return [...matches].sort((a, b) => {
    const open = Number(isOpen(b.status)) - Number(isOpen(a.status));
    return open !== 0 ? open : key(b).localeCompare(key(a));
  });
}

export interface EndForm {
  outcome: MatchOutcome | null;
  reason: string;
  endedOn: string;
  hostSatisfaction: number | null;
  householdSatisfaction: number | null;
}

export interface BuiltEnd {
  input: EndMatchInput | null;
  errors: Partial<Record<'outcome' | 'reason' | 'ended_on', PlainMessageKey>>;
}

export function buildEndInput(matchId: string, form: EndForm): BuiltEnd {
  const errors: BuiltEnd['errors'] = {};
  if (form.outcome === null) errors.outcome = 'validation.unknown_value';
  if (reasonRequired(form.outcome) && form.reason.trim() === '') errors.reason = 'match.end.reasonRequired';
  if (form.endedOn.trim() === '') errors.ended_on = 'validation.empty';
  if (form.outcome === null || Object.keys(errors).length > 0) return { input: null, errors };
  return {
    input: {
      match_id: matchId,
      outcome: form.outcome,
      reason: form.reason.trim(),
      ended_on: form.endedOn.trim(),
      host_satisfaction: form.hostSatisfaction,
      household_satisfaction: form.householdSatisfaction,
    },
    errors,
  };
}

/** The date a match reached its current status, for "since …" lines. */
export function statusDate(m: MatchDto): string {
  switch (m.status) {
    case 'proposed':
      return m.proposed_on;
    case 'accepted':
      return m.accepted_on ?? m.proposed_on;
    case 'active':
      return m.started_on ?? m.accepted_on ?? m.proposed_on;
    case 'ended':
      return m.ended_on ?? m.proposed_on;
  }
}
