// The report editor's state (title, period, the four texts) and how it maps to and from the
// backend's shapes; checked before sending so the common mistakes get a sentence at once.
import type { ReportInput, ReportSections, ReportView } from '$ipc';
import type { PlainMessageKey } from '$lib/i18n/index.svelte';
import { isIsoDay } from './period';

export const SECTION_KEYS = ['summary', 'activities', 'results', 'next_steps'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** The backend's limit on one section, in characters. */
export const MAX_SECTION = 20_000;
/** The backend's limit on a title. */
export const MAX_TITLE = 200;

export interface ReportForm {
  title: string;
  /** `YYYY-MM-DD` */
  from: string;
  /** `YYYY-MM-DD` */
  to: string;
  sections: ReportSections;
}

/** The fields the editor shows messages next to; sections by their own key. */
export const REPORT_FIELDS = ['title', 'from', 'to', ...SECTION_KEYS] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

export function emptySections(): ReportSections {
  return { summary: '', activities: '', results: '', next_steps: '' };
}

export function fromView(view: ReportView): ReportForm {
  return {
    title: view.summary.title,
    from: view.summary.from,
    to: view.summary.to,
    sections: { ...view.sections },
  };
}

/** Whether two forms would save the same report (surrounding spaces do not count). */
export function sameForm(a: ReportForm, b: ReportForm): boolean {
  return (
    a.title.trim() === b.title.trim() &&
    a.from.trim() === b.from.trim() &&
    a.to.trim() === b.to.trim() &&
    SECTION_KEYS.every((k) => a.sections[k].trim() === b.sections[k].trim())
  );
}

export interface BuiltReport {
  input: ReportInput;
  errors: Partial<Record<ReportField, PlainMessageKey>>;
}

export function buildReportInput(form: ReportForm, projectId: string): BuiltReport {
  const errors: BuiltReport['errors'] = {};
  const title = form.title.trim();
  const from = form.from.trim();
  const to = form.to.trim();
  if (title === '') errors.title = 'validation.empty';
  else if (title.length > MAX_TITLE) errors.title = 'validation.too_long';
  if (!isIsoDay(from)) errors.from = from === '' ? 'validation.empty' : 'validation.invalid_date';
  if (!isIsoDay(to)) errors.to = to === '' ? 'validation.empty' : 'validation.invalid_date';
  else if (isIsoDay(from) && to < from) errors.to = 'validation.ends_before_start';
  const sections = emptySections();
  for (const key of SECTION_KEYS) {
    sections[key] = form.sections[key].trim();
    if (sections[key].length > MAX_SECTION) errors[key] = 'validation.too_long';
  }
  return { input: { project_id: projectId, title, from, to, sections }, errors };
}

/** The editor field a backend field names: `sections.summary` → `summary`; others as they are. */
export function reportField(field: string | null): ReportField | null {
  if (field === null) return null;
  const name = field.startsWith('sections.') ? field.slice('sections.'.length) : field;
  return (REPORT_FIELDS as readonly string[]).includes(name) ? (name as ReportField) : null;
}
