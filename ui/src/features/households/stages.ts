// A mirror of the pipeline rules in landa-domain (pipeline.rs), used only to guide the
// coordinator before saving: which stages make sense, when a reason will be asked for,
// when an arrival date applies. The backend stays the judge; its errors are still shown.
import type { Stage } from '$ipc';
import { STAGES, phaseOf } from '$lib/vocab';

const OPEN_STAGES: readonly Stage[] = STAGES.filter((s) => phaseOf(s) !== 'closed');

/** Position in the open pipeline; closed outcomes have none. */
export function stageOrder(stage: Stage): number | null {
  const i = OPEN_STAGES.indexOf(stage);
  return i === -1 ? null : i;
}

/** True from the moment the household has moved in (including having moved away again). */
export function hasArrived(stage: Stage): boolean {
  const order = stageOrder(stage);
  const arrived = stageOrder('arrived') ?? 0;
  return (order !== null && order >= arrived) || stage === 'moved_away';
}

export type TransitionCheck = 'same' | 'not_allowed' | 'needs_reason' | 'ok';

export function checkTransition(from: Stage, to: Stage): TransitionCheck {
  if (from === to) return 'same';
  const f = stageOrder(from);
  const t = stageOrder(to);
  if (f !== null && t !== null) return t < f ? 'needs_reason' : 'ok';
  if (f !== null) {
    // Closing: "not moving" only before arrival, "moved away" only after it.
    const allowed = to === 'not_moving' ? !hasArrived(from) : hasArrived(from);
    return allowed ? 'needs_reason' : 'not_allowed';
  }
  if (t !== null) return 'needs_reason'; // reopening a closed household
  return 'not_allowed';
}

/** Whether the move records an arrival date, so the form may offer to set it. */
export function recordsArrival(to: Stage, hasArrivalDate: boolean): boolean {
  return !hasArrivalDate && hasArrived(to) && to !== 'moved_away';
}

