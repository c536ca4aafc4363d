// The project page's pure helpers: the targets editor and the participating organisations list.
import type { Indicator, ProjectMember, ProjectTarget } from '$ipc';

/** The backend's ceiling for one target (`MAX_TARGET`). */
export const MAX_TARGET = 1_000_000;

export type TargetGroup = 'results' | 'activities' | 'hosting';

/** Where each indicator sits in the editor; a new indicator without a group is a type error. */
const GROUP_OF: Record<Indicator, TargetGroup> = {
  households_arrived: 'results',
  households_retained: 'results',
  participating_organisations: 'results',
  companies_hired: 'results',
  companies_referred: 'results',
  leads_captured: 'results',
  activities: 'activities',
  profiling_outside_region: 'activities',
  host_trainings: 'activities',
  newcomer_networks: 'activities',
  experience_exchanges: 'activities',
  seminars: 'activities',
  matches_started: 'hosting',
  matches_completed: 'hosting',
};

export const TARGET_GROUPS: readonly TargetGroup[] = ['results', 'activities', 'hosting'];

/** The indicators of each group, in the order the backend lists them. */
export function groupTargets(targets: readonly ProjectTarget[]): { group: TargetGroup; indicators: Indicator[] }[] {
  return TARGET_GROUPS.map((group) => ({
    group,
    indicators: targets.filter((t) => GROUP_OF[t.indicator] === group).map((t) => t.indicator),
  })).filter((g) => g.indicators.length > 0);
}

/** What the editor's inputs hold: the target as text, '' for none. */
export type TargetForm = Partial<Record<Indicator, string>>;

export function targetForm(targets: readonly ProjectTarget[]): TargetForm {
  const form: TargetForm = {};
  for (const t of targets) form[t.indicator] = t.target === null || t.target === 0 ? '' : String(t.target);
  return form;
}

/**
 * A typed target: blank (or 0) is no target; digits may be grouped by spaces or, as people
 * paste them, by commas or dots ("1 000", "1,000"). Anything else is `undefined`: invalid.
 */
export function parseTarget(text: string): number | null | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return null;
  const digits = /^\d{1,3}([.,]\d{3})+$/.test(compact) ? compact.replace(/[.,]/g, '') : compact;
  if (!/^\d+$/.test(digits)) return undefined;
  const value = Number(digits);
  if (value > MAX_TARGET) return undefined;
  return value === 0 ? null : value;
}

export interface BuiltTargets {
  targets: ProjectTarget[];
  /** The indicators whose input is not a valid target. */
  invalid: Indicator[];
}

/** Every indicator of `order`, with its target from the form; all are sent in one call. */
export function buildTargets(form: TargetForm, order: readonly Indicator[]): BuiltTargets {
  const targets: ProjectTarget[] = [];
  const invalid: Indicator[] = [];
  for (const indicator of order) {
    const parsed = parseTarget(form[indicator] ?? '');
    if (parsed === undefined) invalid.push(indicator);
    else targets.push({ indicator, target: parsed });
  }
  return { targets, invalid };
}

/** The indicator a backend error about `targets[i]` is about. */
export function indicatorOfField(field: string | null, sent: readonly ProjectTarget[]): Indicator | null {
  const match = field === null ? null : /^targets\[(\d+)\]/.exec(field);
  if (!match) return null;
  return sent[Number(match[1])]?.indicator ?? null;
}

/** Still taking part on `today`: no day it left, or that day is still ahead. */
export function isTakingPart(member: ProjectMember, today: string): boolean {
  return member.left_on === null || member.left_on > today;
}

/**
 * The list's counts: organisations named (an organisation that left and joined again counts
 * once, as the funder's "number of participating organisations" does) and how many of them
 * no longer take part.
 */
export function memberCounts(members: readonly ProjectMember[], today: string): { total: number; left: number } {
  const all = new Set(members.map((m) => m.organisation.id));
  const taking = new Set(members.filter((m) => isTakingPart(m, today)).map((m) => m.organisation.id));
  return { total: all.size, left: all.size - taking.size };
}

/** Current members first, then those who left (latest first); by name within each. */
export function sortMembers(members: readonly ProjectMember[], today: string): ProjectMember[] {
  return [...members].sort((a, b) => {
    const ta = isTakingPart(a, today);
    const tb = isTakingPart(b, today);
    if (ta !== tb) return ta ? -1 : 1;
    if (!ta && a.left_on !== b.left_on) return (b.left_on ?? '').localeCompare(a.left_on ?? '');
    return a.organisation.name.localeCompare(b.organisation.name, 'sv');
  });
}

/** What the membership dialog does: add an organisation, correct its days, or end it. */
export type MemberDialogMode = 'add' | 'edit' | 'leave';
