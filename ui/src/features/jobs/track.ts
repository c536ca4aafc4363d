// A referral as a track of steps (suggested → CV sent → interview → offer → hired / not hired),
// and a household's adults with their referrals, the accompanying partners first. Pure
// functions: the components only draw what these return.
import type { ReferralStatus, ValidationKind } from '$ipc';

/** The steps before the outcome, in order. */
const PIPELINE: readonly ReferralStatus[] = ['suggested', 'cv_sent', 'interview', 'offer'];

export type NodeState = 'done' | 'current' | 'skipped' | 'todo';

export interface TrackNode {
  status: ReferralStatus;
  state: NodeState;
  /** `YYYY-MM-DD` of the step, when it was reached. */
  on: string | null;
}

export interface TrackedReferral {
  status: ReferralStatus;
  status_on: string;
  /** Oldest first. */
  steps: readonly { status: ReferralStatus; on_date: string }[];
}

/** Position on the track; both outcomes are the last node. */
export function rank(status: ReferralStatus): number {
  const i = PIPELINE.indexOf(status);
  return i === -1 ? PIPELINE.length : i;
}

export function isOutcome(status: ReferralStatus): boolean {
  return status === 'hired' || status === 'not_hired';
}

/** The usual next step, or null once the referral has an outcome. */
export function nextStatus(status: ReferralStatus): ReferralStatus | null {
  if (isOutcome(status)) return null;
  return PIPELINE[rank(status) + 1] ?? 'hired';
}

/**
 * Five nodes: the four steps and the outcome. A step passed without being recorded (a CV
 * never logged before the interview) is `skipped`; a step after the current one is `todo`,
 * and so are the steps a referral that ended in *not hired* never reached.
 * A referral moved back as a correction shows where it stands now.
 */
export function referralTrack(referral: TrackedReferral): TrackNode[] {
  // Not hired: the steps after the last one recorded were never reached, not skipped.
  const notHired = referral.status === 'not_hired';
  const reached = referral.steps.filter((s) => !isOutcome(s.status)).map((s) => rank(s.status));
  const current = notHired ? Math.max(0, ...reached) + 1 : rank(referral.status);
  const lastOn = (status: ReferralStatus): string | null => {
    let on: string | null = null;
    for (const step of referral.steps) if (step.status === status) on = step.on_date;
    return on;
  };
  const nodes: TrackNode[] = PIPELINE.map((status, i) => {
    if (i === current && !notHired) return { status, state: 'current', on: referral.status_on };
    if (i >= current) return { status, state: 'todo', on: null };
    const on = lastOn(status);
    return { status, state: on === null ? 'skipped' : 'done', on };
  });
  const outcome: ReferralStatus = notHired ? 'not_hired' : 'hired';
  nodes.push(
    isOutcome(referral.status)
      ? { status: outcome, state: 'current', on: referral.status_on }
      : { status: outcome, state: 'todo', on: null },
  );
  return nodes;
}

export interface AdultMember {
  id: string;
  role: 'adult' | 'child';
}

export interface PersonReferral extends TrackedReferral {
  person: { id: string };
  accompanying_partner: boolean;
}

export interface AdultTrack<M, R> {
  member: M;
  /** An adult after the first: the partner who follows the move and needs a job too. */
  partner: boolean;
  referrals: R[];
}

/**
 * The household's adults, each with their referrals: accompanying partners first (they are
 * why moves fail), then the adult the move is about. Within a person, referrals still under
 * way come before those with an outcome, the most recent step first.
 */
export function adultTracks<M extends AdultMember, R extends PersonReferral>(
  members: readonly M[],
  referrals: readonly R[],
): AdultTrack<M, R>[] {
  const adults = members.filter((m) => m.role === 'adult');
  const tracks = adults.map((member, i) => {
    const own = referrals
      .filter((r) => r.person.id === member.id)
      .sort(
        (a, b) =>
          Number(isOutcome(a.status)) - Number(isOutcome(b.status)) ||
          b.status_on.localeCompare(a.status_on),
      );
    // The backend decides who is a partner for referrals it sent; the member order decides
    // for adults without one (the same rule: every adult after the first).
    const partner = own[0]?.accompanying_partner ?? i > 0;
    return { member, partner, referrals: own };
  });
  return [...tracks.filter((t) => t.partner), ...tracks.filter((t) => !t.partner)];
}

/** `personId:openingId` for each referral to an opening: the backend refuses a second one. */
export function referredPairs(
  referrals: readonly { person: { id: string }; opening: { id: string } | null }[],
): ReadonlySet<string> {
  return new Set(referrals.flatMap((r) => (r.opening ? [`${r.person.id}:${r.opening.id}`] : [])));
}

/** An adult offered in the referral dialog. */
export interface ReferAdult {
  id: string;
  name: string;
  partner: boolean;
}

export type StepDateProblem = 'invalid' | 'future' | 'before_previous';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * What is wrong with the date of a step, checked before sending: the backend refuses a day
 * in the future and a day before the step it follows. Blank means today and is fine.
 */
export function stepDateProblem(
  on: string,
  previous: string | null,
  today: string | null,
): StepDateProblem | null {
  const day = on.trim();
  if (day === '') return null;
  if (!isIsoDay(day)) return 'invalid';
  if (today !== null && day > today) return 'future';
  if (previous !== null && day < previous) return 'before_previous';
  return null;
}

/** The same problems as the backend names them (`on` with a validation kind). */
export function backendDateProblem(kind: ValidationKind | null, on: string): StepDateProblem | null {
  if (kind === 'ends_before_start') return 'before_previous';
  // The fields only send well-formed days, so a refused one lies after the backend's today.
  if (kind === 'invalid_date') return isIsoDay(on.trim()) ? 'future' : 'invalid';
  return null;
}
