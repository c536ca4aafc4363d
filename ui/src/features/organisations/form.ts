// The organisation form's state and how it maps to and from the backend's shapes. The backend
// takes the whole record on update, so every write (even "toggle participating") goes through
// `toInput(fromDetail(detail))` and can never blank a field it did not mean to touch.
import type { OrgKind, OrganisationDetail, OrganisationInput } from '$ipc';

export interface OrganisationForm {
  name: string;
  kind: OrgKind | null;
  municipality: string;
  website: string;
  email: string;
  phone: string;
  participating: boolean;
  /** `YYYY-MM-DD`, or '' for "today" (the backend's default). */
  participatingSince: string;
  notes: string;
}

export const ORG_KINDS: readonly OrgKind[] = [
  'employer',
  'municipality',
  'university',
  'chamber_of_commerce',
  'industry_network',
  'partner_project',
  'other',
];

/** Which form field a backend `field` name belongs to, for placing validation messages. */
export const ORG_FIELDS = [
  'name',
  'kind',
  'municipality',
  'website',
  'email',
  'phone',
  'participating_since',
  'notes',
] as const;

export function emptyForm(): OrganisationForm {
  return {
    name: '',
    kind: 'employer',
    municipality: '',
    website: '',
    email: '',
    phone: '',
    participating: false,
    participatingSince: '',
    notes: '',
  };
}

export function fromDetail(detail: OrganisationDetail): OrganisationForm {
  return {
    name: detail.name,
    kind: detail.kind,
    municipality: detail.municipality ?? '',
    website: detail.website ?? '',
    email: detail.email ?? '',
    phone: detail.phone ?? '',
    participating: detail.participating,
    participatingSince: detail.participating_since ?? '',
    notes: detail.notes ?? '',
  };
}

export function toInput(form: OrganisationForm): OrganisationInput {
  return {
    name: form.name.trim(),
    kind: form.kind,
    municipality: form.municipality.trim(),
    website: form.website.trim(),
    email: form.email.trim(),
    phone: form.phone.trim(),
    participating: form.participating,
    // A date only means something while participating; leaving one behind after unticking
    // would make a later re-tick silently reuse an old start date.
    participating_since:
      form.participating && form.participatingSince !== '' ? form.participatingSince : null,
    notes: form.notes.trim(),
  };
}

/** The same organisation with participation switched, keeping every other field as it is. */
export function withParticipation(detail: OrganisationDetail, participating: boolean): OrganisationInput {
  return toInput({
    ...fromDetail(detail),
    participating,
    // Re-joining starts today (the backend's default), not on an old date.
    participatingSince: '',
  });
}
