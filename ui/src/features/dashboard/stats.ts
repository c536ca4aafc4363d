// Shapes the dashboard's counts for display. Pure, so the arithmetic is tested without a UI.
import type { Phase, PhaseCount, Stage, StageCount } from '$ipc';
import type { BadgeTone } from '$lib/components/types';
import { OPEN_PHASES, stagesOf } from '$lib/vocab';

export interface StageBar {
  stage: Stage;
  count: number;
  /** Bar length in percent of the fullest stage (0–100), so the longest bar fills the row. */
  width: number;
}

export interface PhaseBars {
  phase: Phase;
  total: number;
  stages: StageBar[];
}

/** Phase → the badge tone (and CSS `--tone-*` colours) it is drawn in. */
export function phaseTone(phase: Phase): BadgeTone {
  return phase === 'strengthened_brand' ? 'brand' : phase;
}

export function countOf(perPhase: readonly PhaseCount[], phase: Phase): number {
  return perPhase.find((p) => p.phase === phase)?.count ?? 0;
}

/** Whole-percent share; 0 when there is nothing to share (no division by zero). */
export function share(part: number, total: number): number {
  return total > 0 ? Math.round((part / total) * 100) : 0;
}

/**
 * Every stage of every phase, in pipeline order, including stages with no households (an empty
 * stage is information too), with bars scaled to the largest stage overall.
 */
export function stageBars(perStage: readonly StageCount[]): PhaseBars[] {
  const counts = new Map(perStage.map((s) => [s.stage, s.count]));
  const max = Math.max(0, ...perStage.map((s) => s.count));
  return [...OPEN_PHASES, 'closed' as const].map((phase) => {
    const stages = stagesOf(phase).map((stage) => {
      const count = counts.get(stage) ?? 0;
      // A stage with households always shows a sliver, so "few" never looks like "none".
      const width = count === 0 || max === 0 ? 0 : Math.max(2, Math.round((count / max) * 100));
      return { stage, count, width };
    });
    return { phase, total: stages.reduce((sum, s) => sum + s.count, 0), stages };
  });
}
