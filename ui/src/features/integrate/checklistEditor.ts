// Editing a checklist: items per phase in their order, moving one up or down, and the days
// field. A project's list counts per phase: a phase without its own items uses the default
// list's items for that phase.
import type { ChecklistItemDto, Phase } from '$ipc';
import type { PlainMessageKey } from '$lib/i18n/index.svelte';

/** The phases a checklist can belong to, in pipeline order. */
export const CHECKLIST_PHASES = ['attract', 'welcome', 'integrate', 'strengthened_brand'] as const satisfies readonly Phase[];
export type ChecklistPhase = (typeof CHECKLIST_PHASES)[number];

export const DEFAULT_DUE_DAYS = 14;
export const MAX_DUE_DAYS = 365;

/** The items of one phase, in their order. */
export function itemsOf(items: readonly ChecklistItemDto[], phase: Phase): ChecklistItemDto[] {
  return items
    .filter((item) => item.phase === phase)
    .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
}

/**
 * The phase's ids with the item at `index` moved by `delta` (−1 up, +1 down), or null when it
 * cannot move that way.
 */
export function moved(ids: readonly string[], index: number, delta: -1 | 1): string[] | null {
  const target = index + delta;
  if (index < 0 || index >= ids.length || target < 0 || target >= ids.length) return null;
  const next = [...ids];
  const [item] = next.splice(index, 1);
  if (item === undefined) return null;
  next.splice(target, 0, item);
  return next;
}

/** The phase's items in the order of `ids`, positions renumbered: shown at once, before the reload. */
export function reordered(items: readonly ChecklistItemDto[], ids: readonly string[]): ChecklistItemDto[] {
  const order = new Map(ids.map((id, i) => [id, i]));
  return items.map((item) => {
    const position = order.get(item.id);
    return position === undefined ? item : { ...item, position };
  });
}

export type DaysParse = { ok: true; days: number } | { ok: false; error: PlainMessageKey };

/** Whole days, 0 to a year; blank means the default two weeks. */
export function parseDueDays(text: string): DaysParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, days: DEFAULT_DUE_DAYS };
  if (!/^\d+$/.test(trimmed)) return { ok: false, error: 'checklist.daysInvalid' };
  const days = Number(trimmed);
  if (days > MAX_DUE_DAYS) return { ok: false, error: 'checklist.daysTooMany' };
  return { ok: true, days };
}

/** Whether a project (not the default list) has items of its own for the phase. */
export function usesDefault(items: readonly ChecklistItemDto[], phase: Phase): boolean {
  return itemsOf(items, phase).length === 0;
}
