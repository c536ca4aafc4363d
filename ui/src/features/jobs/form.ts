// The opening form's state and how it maps to and from the backend's shapes.
import type { OpeningDto, OpeningInput, OpeningStatus } from '$ipc';
import type { PlainMessageKey } from '$lib/i18n/index.svelte';
import { isIsoDay } from './track';

export interface OpeningForm {
  organisationId: string | null;
  title: string;
  competenceArea: string;
  municipality: string;
  /** `YYYY-MM-DD`, or '' when not known. */
  startsOn: string;
  status: OpeningStatus | null;
  notes: string;
}

/** Backend field names the form shows messages next to. */
export const OPENING_FIELDS = [
  'organisation_id',
  'title',
  'competence_area',
  'municipality',
  'starts_on',
  'status',
  'notes',
] as const;
export type OpeningField = (typeof OPENING_FIELDS)[number];

export function emptyOpeningForm(organisationId: string | null): OpeningForm {
  return {
    organisationId,
    title: '',
    competenceArea: '',
    municipality: '',
    startsOn: '',
    status: 'open',
    notes: '',
  };
}

export function fromOpening(opening: OpeningDto): OpeningForm {
  return {
    organisationId: opening.organisation.id,
    title: opening.title,
    competenceArea: opening.competence_area ?? '',
    municipality: opening.municipality ?? '',
    startsOn: opening.starts_on ?? '',
    status: opening.status,
    notes: opening.notes ?? '',
  };
}

export interface BuiltOpening {
  /** Null while a problem found before sending stops the save. */
  input: OpeningInput | null;
  errors: Partial<Record<OpeningField, PlainMessageKey>>;
}

export function buildOpeningInput(form: OpeningForm): BuiltOpening {
  const errors: BuiltOpening['errors'] = {};
  if (!form.organisationId) errors.organisation_id = 'opening.form.chooseEmployer';
  if (form.title.trim() === '') errors.title = 'validation.empty';
  const startsOn = form.startsOn.trim();
  if (startsOn !== '' && !isIsoDay(startsOn)) errors.starts_on = 'validation.invalid_date';
  if (Object.keys(errors).length > 0 || !form.organisationId) return { input: null, errors };
  return {
    input: {
      organisation_id: form.organisationId,
      title: form.title.trim(),
      competence_area: form.competenceArea.trim(),
      municipality: form.municipality.trim(),
      starts_on: startsOn === '' ? null : startsOn,
      status: form.status,
      notes: form.notes.trim(),
    },
    errors,
  };
}
