// Counted phrases: "1 vuxen" but "2 vuxna", "1 household" but "2 households".
import { t } from '$lib/i18n/index.svelte';

export function memberSummary(adults: number, children: number): string {
  const a = adults === 1 ? t('households.count.adult') : t('households.count.adults', { count: adults });
  if (children === 0) return a;
  const c = children === 1 ? t('households.count.child') : t('households.count.children', { count: children });
  return `${a} · ${c}`;
}

export function householdCount(count: number): string {
  return count === 1 ? t('households.list.countOne') : t('households.list.count', { count });
}
