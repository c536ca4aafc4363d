// What the settling-in section shows for a household: the checklist split into what is left
// and what is done, the state of each retention check-in, and which actions fit the stage.
// The backend stays the judge of every write; these rules only decide what to offer.
import type { CheckInDto, MovedAwayReason, Stage, TaskDto } from '$ipc';
import { phaseOf } from '$lib/vocab';
import { hasArrived } from '../households/stages';
import { daysUntil } from '../tasks/due';

export const CHECK_IN_MONTHS = [6, 12] as const;
export type CheckInMonths = (typeof CHECK_IN_MONTHS)[number];

export const MOVED_AWAY_REASONS: readonly MovedAwayReason[] = [
  'no_social_context',
  'partner_job',
  'own_job',
  'housing',
  'school_or_care',
  'family',
  'other',
];

export interface ChecklistGroups {
  /** Still to do, the earliest due first. */
  open: TaskDto[];
  /** Done, the most recently ticked first. */
  done: TaskDto[];
}

export function groupChecklist(tasks: readonly TaskDto[]): ChecklistGroups {
  const open = tasks
    .filter((task) => task.done_at === null)
    .sort((a, b) => a.due_on.localeCompare(b.due_on) || a.title.localeCompare(b.title));
  const done = tasks
    .filter((task) => task.done_at !== null)
    .sort((a, b) => (b.done_at ?? '').localeCompare(a.done_at ?? '') || a.title.localeCompare(b.title));
  return { open, done };
}

/** The list with one task ticked or unticked, as the backend will have it after `setTaskDone`. */
export function withTaskDone(tasks: readonly TaskDto[], id: string, doneAt: string | null): TaskDto[] {
  return tasks.map((task) => (task.id === id ? { ...task, done_at: doneAt, overdue: false } : task));
}

export type CheckInState = 'done' | 'overdue' | 'due_soon' | 'upcoming';

/** Within a month of the due date, a check-in is worth booking now. */
const DUE_SOON_DAYS = 30;

export function checkInState(checkIn: CheckInDto, today: string): CheckInState {
  if (checkIn.done_at !== null) return 'done';
  const days = daysUntil(checkIn.due_on, today);
  if (days < 0) return 'overdue';
  if (days <= DUE_SOON_DAYS) return 'due_soon';
  return 'upcoming';
}

/** The check-ins to show: one row per booked check-in, 6 months before 12. */
export function sortCheckIns(checkIns: readonly CheckInDto[]): CheckInDto[] {
  return [...checkIns].sort((a, b) => a.months - b.months || a.due_on.localeCompare(b.due_on));
}

/** The check-in the dialog starts on: the first one still open, else the last one booked. */
export function suggestedMonths(checkIns: readonly CheckInDto[]): CheckInMonths {
  const sorted = sortCheckIns(checkIns);
  const open = sorted.find((c) => c.done_at === null);
  const months = (open ?? sorted.at(-1))?.months;
  return months === 12 ? 12 : 6;
}

export const isClosed = (stage: Stage): boolean => phaseOf(stage) === 'closed';

/** Check-ins (and a move away) can be recorded for households that have arrived and are still here. */
export function canRecordCheckIn(stage: Stage): boolean {
  return hasArrived(stage) && !isClosed(stage);
}

/** Only a household that has arrived and is still here can become an ambassador. */
export function canBecomeAmbassador(stage: Stage): boolean {
  return canRecordCheckIn(stage) && stage !== 'ambassador';
}

/** Whether the check-in part belongs on the page: after arrival, or when any was booked. */
export function showsCheckIns(stage: Stage, checkIns: readonly CheckInDto[]): boolean {
  return hasArrived(stage) || checkIns.length > 0;
}
