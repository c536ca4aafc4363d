// The host form's state and how it maps to and from the backend's shapes. The backend takes
// the whole record on update, so editing always starts from `fromHostDetail`.
import type { HostDetail, HostInput, HostRole, HostStatus, LifeStage } from '$ipc';
import type { PlainMessageKey } from '$lib/i18n/index.svelte';
import { joinList, splitList } from '../households/form';
import { HOST_ROLES } from './labels';

/** The backend refuses more: more households at once is running an association. */
export const MAX_CAPACITY = 10;
/** A host's own child older than this is not a child any more, for matching. */
export const MAX_CHILD_AGE = 30;

export interface HostForm {
  name: string;
  municipality: string;
  village: string;
  /** Comma-separated, as typed. */
  languages: string;
  interests: string;
  profession: string;
  lifeStage: LifeStage | null;
  /** Ages separated by commas or spaces: "7, 9". */
  childrenAges: string;
  /** Digits as typed; blank means one household. */
  capacity: string;
  status: HostStatus | null;
  roles: HostRole[];
  availability: string;
  email: string;
  phone: string;
  /** `YYYY-MM-DD`, or '' when the host has not yet agreed to be registered. */
  consentOn: string;
  notes: string;
}

/** Backend field names the form shows messages next to. */
export const HOST_FIELDS = [
  'name',
  'municipality',
  'village',
  'languages',
  'interests',
  'profession',
  'life_stage',
  'children_ages',
  'capacity',
  'status',
  'roles',
  'availability',
  'email',
  'phone',
  'consent_on',
  'notes',
] as const;
export type HostField = (typeof HOST_FIELDS)[number];

export function emptyHostForm(): HostForm {
  return {
    name: '',
    municipality: '',
    village: '',
    languages: '',
    interests: '',
    profession: '',
    lifeStage: null,
    childrenAges: '',
    capacity: '1',
    status: 'active',
    roles: [],
    availability: '',
    email: '',
    phone: '',
    consentOn: '',
    notes: '',
  };
}

export function fromHostDetail(d: HostDetail): HostForm {
  return {
    name: d.name,
    municipality: d.municipality ?? '',
    village: d.village ?? '',
    languages: joinList(d.languages),
    interests: joinList(d.interests),
    profession: d.profession ?? '',
    lifeStage: d.life_stage,
    childrenAges: d.children_ages.join(', '),
    capacity: String(d.capacity),
    status: d.status,
    roles: HOST_ROLES.filter((r) => d.roles.includes(r)),
    availability: d.availability ?? '',
    email: d.email ?? '',
    phone: d.phone ?? '',
    consentOn: d.consent_on ?? '',
    notes: d.notes ?? '',
  };
}

/** The roles with `role` switched on or off, always in the canonical order. */
export function toggleRole(current: readonly HostRole[], role: HostRole, on: boolean): HostRole[] {
  return HOST_ROLES.filter((r) => (r === role ? on : current.includes(r)));
}

/** Ages typed as "7, 9" or "7 9": whole years; `'invalid'` for anything else. */
export function parseAges(text: string): number[] | 'invalid' {
  const parts = text.split(/[,;\s]+/).filter((p) => p !== '');
  const ages: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,2}$/.test(part)) return 'invalid';
    const age = Number(part);
    if (age > MAX_CHILD_AGE) return 'invalid';
    ages.push(age);
  }
  return ages.sort((a, b) => a - b);
}

/** `null` for blank (one household), a whole number 1–10, or `'invalid'`. */
export function parseCapacity(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,2}$/.test(trimmed)) return 'invalid';
  const n = Number(trimmed);
  return n >= 1 && n <= MAX_CAPACITY ? n : 'invalid';
}

export interface BuiltHost {
  input: HostInput;
  /** Problems found before sending: the message for each backend field name. */
  errors: Partial<Record<HostField, PlainMessageKey>>;
}

export function buildHostInput(form: HostForm): BuiltHost {
  const errors: BuiltHost['errors'] = {};
  if (form.name.trim() === '') errors.name = 'validation.empty';
  const ages = parseAges(form.childrenAges);
  if (ages === 'invalid') errors.children_ages = 'hosts.form.childrenAgesInvalid';
  const capacity = parseCapacity(form.capacity);
  if (capacity === 'invalid') errors.capacity = 'hosts.form.capacityInvalid';
  const consent = form.consentOn.trim();
  return {
    input: {
      name: form.name.trim(),
      municipality: form.municipality.trim(),
      village: form.village.trim(),
      languages: splitList(form.languages),
      interests: splitList(form.interests),
      profession: form.profession.trim(),
      life_stage: form.lifeStage,
      children_ages: ages === 'invalid' ? [] : ages,
      capacity: capacity === 'invalid' ? null : capacity,
      status: form.status,
      roles: HOST_ROLES.filter((r) => form.roles.includes(r)),
      availability: form.availability.trim(),
      email: form.email.trim(),
      phone: form.phone.trim(),
      consent_on: consent === '' ? null : consent,
      notes: form.notes.trim(),
    },
    errors,
  };
}

/** The form field a backend field path belongs to: `children_ages[1]` → `children_ages`. */
export function hostFormField(field: string | null): HostField | null {
  if (field === null) return null;
  const base = field.replace(/\[\d+\]$/, '');
  return (HOST_FIELDS as readonly string[]).includes(base) ? (base as HostField) : null;
}
