// The check-in form: which check-in, still here or moved away (and why), a note and a date.
// Checked here before saving so the coordinator sees every missing answer at once; the
// backend checks the same and its errors are placed on the same fields.
import type { CheckInInput, CheckInOutcome, MovedAwayReason } from '$ipc';
import type { PlainMessageKey } from '$lib/i18n/index.svelte';
import type { CheckInMonths } from './integration';

/** `check_in`: a booked 6- or 12-month check-in. `moved_away`: a move learnt between check-ins. */
export type CheckInMode = 'check_in' | 'moved_away';

export interface CheckInForm {
  months: CheckInMonths;
  outcome: CheckInOutcome;
  reason: MovedAwayReason | null;
  note: string;
  /** `YYYY-MM-DD`; blank means today. */
  on: string;
}

export const CHECK_IN_FIELDS = ['months', 'outcome', 'moved_away_reason', 'note', 'on'] as const;
export type CheckInField = (typeof CHECK_IN_FIELDS)[number];

export function emptyCheckIn(mode: CheckInMode, months: CheckInMonths, today: string): CheckInForm {
  return {
    months,
    outcome: mode === 'moved_away' ? 'moved_away' : 'staying',
    reason: null,
    note: '',
    on: today,
  };
}

export type CheckInBuild =
  | { ok: true; input: CheckInInput }
  | { ok: false; errors: Partial<Record<CheckInField, PlainMessageKey>> };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function buildCheckIn(
  householdId: string,
  mode: CheckInMode,
  form: CheckInForm,
  today: string,
): CheckInBuild {
  const errors: Partial<Record<CheckInField, PlainMessageKey>> = {};
  const outcome: CheckInOutcome = mode === 'moved_away' ? 'moved_away' : form.outcome;
  if (outcome === 'moved_away' && form.reason === null) errors.moved_away_reason = 'checkIn.reasonRequired';
  const on = form.on.trim();
  if (on !== '' && !DAY.test(on)) errors.on = 'validation.invalid_date';
  // Dates are ISO days, so text order is date order.
  else if (on !== '' && on > today) errors.on = 'checkIn.dateInFuture';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      household_id: householdId,
      months: mode === 'moved_away' ? null : form.months,
      outcome,
      moved_away_reason: outcome === 'moved_away' ? form.reason : null,
      note: form.note.trim(),
      on: on === '' ? null : on,
    },
  };
}

/** The form field a backend error names, if the form has it. */
export function checkInField(field: string | null): CheckInField | null {
  return (CHECK_IN_FIELDS as readonly (string | null)[]).includes(field) ? (field as CheckInField) : null;
}
