import { describe, expect, it } from 'vitest';
import type { ProjectDto } from '$ipc';
import { buildProjectInput, emptyProjectForm, formField, fromProject, validWeight } from './form';

/** The backend's defaults, as `default_match_weights` returns them. */
const DEFAULT_WEIGHTS = { municipality: 5, language: 4, life_stage: 3, children_ages: 3, profession: 2, interests: 2 };

describe('project form', () => {
  it('starts a new project on the default matching weights', () => {
    expect(emptyProjectForm(DEFAULT_WEIGHTS).weights).toEqual(DEFAULT_WEIGHTS);
  });

  it('asks for a name and a start date', () => {
    expect(buildProjectInput(emptyProjectForm(DEFAULT_WEIGHTS)).errors).toEqual({
      name: 'validation.empty',
      starts_on: 'validation.empty',
    });
  });

  it('splits the municipalities like other list inputs and sends a blank end as open-ended', () => {
    const form = {
      ...emptyProjectForm(DEFAULT_WEIGHTS),
      name: ' Flytta hit ',
      startsOn: '2026-01-01',
      municipalities: 'Falun, Borlänge;  falun, Mora',
    };
    const built = buildProjectInput(form);
    expect(built.errors).toEqual({});
    expect(built.input.name).toBe('Flytta hit');
    expect(built.input.ends_on, 'open-ended').toBeNull();
    expect(built.input.municipalities, 'repeats dropped, first spelling kept').toEqual(['Falun', 'Borlänge', 'Mora']);
  });

  it('refuses an end before the start and a weight outside 0–10', () => {
    const form = {
      ...emptyProjectForm(DEFAULT_WEIGHTS),
      name: 'P',
      startsOn: '2026-06-01',
      endsOn: '2026-05-31',
      weights: { ...DEFAULT_WEIGHTS, interests: 11 },
    };
    expect(buildProjectInput(form).errors).toEqual({
      ends_on: 'validation.ends_before_start',
      match_weights: 'projects.form.weightRange',
    });
    expect(validWeight(0), 'zero switches a criterion off').toBe(true);
    expect(validWeight(2.5)).toBe(false);
  });

  it('edits from what the backend sent', () => {
    const dto: ProjectDto = {
      id: 'p',
      name: 'Flytta hit',
      funder: null,
      starts_on: '2026-01-01',
      ends_on: '2028-12-31',
      municipalities: ['Falun', 'Mora'],
      require_trained_hosts: true,
      match_weights: { municipality: 10, language: 0, life_stage: 3, children_ages: 3, profession: 2, interests: 2 },
      notes: null,
      running: true,
    };
    const form = fromProject(dto);
    expect(form.municipalities).toBe('Falun, Mora');
    expect(form.funder).toBe('');
    expect(buildProjectInput(form).input.match_weights, 'weights go back unchanged').toEqual(dto.match_weights);
  });

  it('places a backend error on the field it names', () => {
    expect(formField('municipalities[1]')).toBe('municipalities');
    expect(formField('match_weights.language')).toBe('match_weights');
    expect(formField(null)).toBeNull();
  });
});
