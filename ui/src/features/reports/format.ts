// Small pure helpers for showing report figures: signed changes, shares, tones and the order
// of things. Number text goes through Intl in the caller's locale.
import type { BadgeTone } from '$lib/components/types';
import type { ReportSummary, TargetStatus } from '$ipc';

export type ChangeDirection = 'up' | 'down' | 'none';

export function changeDirection(change: number): ChangeDirection {
  return change > 0 ? 'up' : change < 0 ? 'down' : 'none';
}

/** A change with its sign, in the locale: "+3", "−2" (a real minus sign), "±0". */
export function signedChange(change: number, intlTag: string): string {
  const magnitude = new Intl.NumberFormat(intlTag).format(Math.abs(change));
  if (change > 0) return `+${magnitude}`;
  if (change < 0) return `\u2212${magnitude}`;
  return `±${magnitude}`;
}

/** `part` of `whole` in per cent with one decimal; `null` when there is no whole. */
export function percentOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

/** The width of a bar for `part` of `whole`, 0–100, never wider than the whole. */
export function barWidth(part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0;
  return Math.min(100, (part / whole) * 100);
}

/** How each target status looks: reached is good news, behind asks for attention. */
export const TARGET_TONE: Readonly<Record<TargetStatus, BadgeTone>> = {
  reached: 'integrate',
  on_track: 'accent',
  behind: 'welcome',
  no_pace: 'neutral',
};

export type ReportState =
  | { kind: 'draft' }
  | { kind: 'submitted'; on: string; by: string | null };

export function reportState(summary: Pick<ReportSummary, 'submitted_on' | 'submitted_by'>): ReportState {
  if (summary.submitted_on === null) return { kind: 'draft' };
  return { kind: 'submitted', on: summary.submitted_on, by: summary.submitted_by?.name ?? null };
}
