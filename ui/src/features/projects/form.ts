// The project form's state and how it maps to and from the backend's shapes.
import type { ProjectDto, ProjectInput, Weights } from '$ipc';
import type { PlainMessageKey } from '$lib/i18n/index.svelte';
import { splitList } from '../households/form';

/** The matching criteria, in the order the match explanation lists them. */
export const CRITERIA = [
  'municipality',
  'language',
  'life_stage',
  'children_ages',
  'profession',
  'interests',
] as const satisfies readonly (keyof Weights)[];
export type Criterion = (typeof CRITERIA)[number];

export const MAX_WEIGHT = 10;

export interface ProjectForm {
  name: string;
  funder: string;
  /** `YYYY-MM-DD`, or '' while not chosen. */
  startsOn: string;
  /** `YYYY-MM-DD`, or '' while open-ended. */
  endsOn: string;
  /** As typed: "Umeå, Vännäs, Vindeln". */
  municipalities: string;
  requireTrainedHosts: boolean;
  weights: Weights;
  notes: string;
}

export const PROJECT_FIELDS = [
  'name',
  'funder',
  'starts_on',
  'ends_on',
  'municipalities',
  'require_trained_hosts',
  'match_weights',
  'notes',
] as const;
export type ProjectField = (typeof PROJECT_FIELDS)[number];

/** A new project's form; `weights` are the backend's defaults (`default_match_weights`). */
export function emptyProjectForm(weights: Weights): ProjectForm {
  return {
    name: '',
    funder: '',
    startsOn: '',
    endsOn: '',
    municipalities: '',
    requireTrainedHosts: false,
    weights: { ...weights },
    notes: '',
  };
}

export function fromProject(project: ProjectDto): ProjectForm {
  return {
    name: project.name,
    funder: project.funder ?? '',
    startsOn: project.starts_on,
    endsOn: project.ends_on ?? '',
    municipalities: project.municipalities.join(', '),
    requireTrainedHosts: project.require_trained_hosts,
    weights: { ...project.match_weights },
    notes: project.notes ?? '',
  };
}

export function validWeight(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= MAX_WEIGHT;
}

export interface BuiltProject {
  input: ProjectInput;
  errors: Partial<Record<ProjectField, PlainMessageKey>>;
}

export function buildProjectInput(form: ProjectForm): BuiltProject {
  const errors: BuiltProject['errors'] = {};
  const startsOn = form.startsOn.trim();
  const endsOn = form.endsOn.trim();
  if (form.name.trim() === '') errors.name = 'validation.empty';
  if (startsOn === '') errors.starts_on = 'validation.empty';
  if (startsOn !== '' && endsOn !== '' && endsOn < startsOn) errors.ends_on = 'validation.ends_before_start';
  if (CRITERIA.some((c) => !validWeight(form.weights[c]))) errors.match_weights = 'projects.form.weightRange';
  return {
    input: {
      name: form.name.trim(),
      funder: form.funder.trim(),
      starts_on: startsOn,
      ends_on: endsOn === '' ? null : endsOn,
      municipalities: splitList(form.municipalities),
      require_trained_hosts: form.requireTrainedHosts,
      match_weights: {
        municipality: form.weights.municipality,
        language: form.weights.language,
        life_stage: form.weights.life_stage,
        children_ages: form.weights.children_ages,
        profession: form.weights.profession,
        interests: form.weights.interests,
      },
      notes: form.notes.trim(),
    },
    errors,
  };
}

/** The form field a backend field path belongs to: `municipalities[2]` → `municipalities`. */
export function formField(field: string | null): string | null {
  return field === null ? null : field.replace(/\[\d+\]$/, '').replace(/\.\w+$/, '');
}
