// Texts built from report data in the UI language: a suggested title for a period, the status
// line of a report, the period phrase.
import { t } from '$lib/i18n/index.svelte';
import type { ReportSummary } from '$ipc';
import { reportState } from './format';
import { formatDay, formatPeriod, periodShape, type Period } from './period';

/** "Lägesrapport januari–juni 2026", "Lägesrapport 2025", … (years as text: no digit grouping). */
export function suggestedTitle(period: Period, intlTag: string): string {
  const shape = periodShape(period);
  switch (shape.kind) {
    case 'half_year':
      return shape.half === 1
        ? t('reports.title.half1', { year: String(shape.year) })
        : t('reports.title.half2', { year: String(shape.year) });
    case 'year':
    case 'year_to_date':
      return t('reports.title.year', { year: String(shape.year) });
    case 'range':
      return t('reports.title.range', { period: formatPeriod(period.from, period.to, intlTag) });
  }
}

/** "Utkast", "Inskickad 23 nov. 2026 av Karin Lindgren". */
export function statusText(summary: Pick<ReportSummary, 'submitted_on' | 'submitted_by'>, intlTag: string): string {
  const state = reportState(summary);
  if (state.kind === 'draft') return t('reports.status.draft');
  const date = formatDay(state.on, intlTag);
  return state.by === null
    ? t('reports.status.submitted', { date })
    : t('reports.status.submittedBy', { date, name: state.by });
}
