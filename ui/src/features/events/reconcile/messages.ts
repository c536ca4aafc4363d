// Sentences the reconciliation view builds from counts. Kept apart from the pure logic in
// reconcile.ts because they depend on the active locale.
import { t } from '$lib/i18n/index.svelte';

/** "1 uppdaterad" / "3 uppdaterade". */
export function updatedText(count: number): string {
  return count === 1 ? t('reconcile.updatedOne') : t('reconcile.updated', { count });
}

/** "3 uppdaterade – ansvarig är nu Karin." */
export function resultText(count: number, detail: string): string {
  return t('reconcile.result', { updated: updatedText(count), detail });
}

/** "Gäller 3 markerade leads." */
export function appliesTo(count: number): string {
  return count === 1 ? t('reconcile.bulk.appliesToOne') : t('reconcile.bulk.appliesTo', { count });
}
