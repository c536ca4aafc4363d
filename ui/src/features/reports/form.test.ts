import { describe, expect, it } from 'vitest';
import type { ReportView } from '$ipc';
import { buildReportInput, emptySections, fromView, MAX_SECTION, reportField, sameForm } from './form';

const view = {
  summary: {
    id: 'r1',
    project: { id: 'p1', name: 'Välkommen till Jämtland Härjedalen' },
    title: 'Lägesrapport 2026',
    from: '2026-01-01',
    to: '2026-06-30',
    submitted_on: null,
    submitted_by: null,
  },
  sections: { summary: 'Bra år.', activities: '', results: '', next_steps: 'Fler mässor.' },
} as unknown as ReportView;

describe('fromView and buildReportInput', () => {
  it('round-trips an unchanged report', () => {
    const form = fromView(view);
    const { input, errors } = buildReportInput(form, 'p1');
    expect(errors).toEqual({});
    expect(input).toEqual({
      project_id: 'p1',
      title: 'Lägesrapport 2026',
      from: '2026-01-01',
      to: '2026-06-30',
      sections: { summary: 'Bra år.', activities: '', results: '', next_steps: 'Fler mässor.' },
    });
  });

  it('copies the sections, so editing the form leaves the view alone', () => {
    const form = fromView(view);
    form.sections.summary = 'Ändrat';
    expect(view.sections.summary).toBe('Bra år.');
  });

  it('trims the text it sends', () => {
    const form = { ...fromView(view), title: '  Rapport  ', sections: { ...emptySections(), results: ' 51 hushåll \n' } };
    const { input } = buildReportInput(form, 'p1');
    expect(input.title).toBe('Rapport');
    expect(input.sections.results).toBe('51 hushåll');
  });

  it('flags a blank title, bad dates and an end before the start before sending', () => {
    const base = fromView(view);
    expect(buildReportInput({ ...base, title: ' ', from: '', to: '2026-13-01' }, 'p1').errors).toEqual({
      title: 'validation.empty',
      from: 'validation.empty',
      to: 'validation.invalid_date',
    });
    expect(buildReportInput({ ...base, from: '2026-06-30', to: '2026-01-01' }, 'p1').errors).toEqual({
      to: 'validation.ends_before_start',
    });
  });

  it('flags a section longer than the backend keeps', () => {
    const form = { ...fromView(view), sections: { ...emptySections(), activities: 'x'.repeat(MAX_SECTION + 1) } };
    expect(buildReportInput(form, 'p1').errors).toEqual({ activities: 'validation.too_long' });
  });
});

describe('sameForm', () => {
  it('ignores surrounding spaces but sees real edits', () => {
    const a = fromView(view);
    expect(sameForm(a, { ...a, title: ' Lägesrapport 2026 ' })).toBe(true);
    expect(sameForm(a, { ...a, sections: { ...a.sections, results: 'Nytt' } })).toBe(false);
    expect(sameForm(a, { ...a, to: '2026-06-29' })).toBe(false);
  });
});

describe('reportField', () => {
  it('maps the backend field names onto the editor', () => {
    expect(reportField('sections.next_steps')).toBe('next_steps');
    expect(reportField('title')).toBe('title');
    expect(reportField('to')).toBe('to');
    expect(reportField('report_id')).toBeNull();
    expect(reportField('project_id')).toBeNull();
    expect(reportField(null)).toBeNull();
  });
});
