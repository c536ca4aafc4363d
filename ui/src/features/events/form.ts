// The event form's state and how it maps to and from the backend's shapes. The backend takes
// the whole record on update (participants included), so editing always starts from
// `fromDetail` and can never drop an organisation or a 4T category it did not mean to touch.
import type { EventDetail, EventInput, EventKind, FourT } from '$ipc';
import type { PlainMessageKey } from '$lib/i18n/index.svelte';
import { FOUR_TS } from '$lib/vocab';
import { kronorForInput } from './money';

/** A lead's follow-up task is due this many days after capture unless the event says so. */
export const DEFAULT_FOLLOW_UP_DAYS = 3;

export interface EventForm {
  kind: EventKind | null;
  name: string;
  /** `YYYY-MM-DD`, or '' while not chosen. */
  startsOn: string;
  /** `YYYY-MM-DD`, or '' for a one-day event. */
  endsOn: string;
  place: string;
  organiserId: string | null;
  /** Kronor as typed, e.g. "12 500,50"; the backend parses it. */
  cost: string;
  fourT: FourT[];
  participantIds: string[];
  notes: string;
  /** Digits as typed; '' means the default. */
  followUpDays: string;
  /** Held outside the region: a profiling activity, counted apart in funder reports. */
  outsideRegion: boolean;
}

/** Backend field names the form shows messages next to. */
export const EVENT_FIELDS = [
  'kind',
  'name',
  'starts_on',
  'ends_on',
  'place',
  'organiser_id',
  'cost',
  'four_t',
  'participant_ids',
  'notes',
  'follow_up_days',
  'outside_region',
] as const;

export function emptyForm(): EventForm {
  return {
    kind: 'fair',
    name: '',
    startsOn: '',
    endsOn: '',
    place: '',
    organiserId: null,
    cost: '',
    fourT: [],
    participantIds: [],
    notes: '',
    followUpDays: String(DEFAULT_FOLLOW_UP_DAYS),
    outsideRegion: false,
  };
}

export function fromDetail(detail: EventDetail): EventForm {
  return {
    kind: detail.kind,
    name: detail.name,
    startsOn: detail.starts_on,
    endsOn: detail.ends_on ?? '',
    place: detail.place ?? '',
    organiserId: detail.organiser?.id ?? null,
    cost: kronorForInput(detail.cost),
    fourT: [...detail.four_t],
    participantIds: detail.participants.map((p) => p.id),
    notes: detail.notes ?? '',
    followUpDays: String(detail.follow_up_days),
    outsideRegion: detail.outside_region,
  };
}

/** The 4T list with `t` switched on or off, always in the canonical order. */
export function toggleFourT(current: readonly FourT[], t: FourT, on: boolean): FourT[] {
  return FOUR_TS.filter((x) => (x === t ? on : current.includes(x)));
}

/** The backend refuses longer delays: a follow-up a year out is not a follow-up. */
export const MAX_FOLLOW_UP_DAYS = 365;

/** `null` for blank (the default applies), a whole number of days, or `'invalid'`. */
export function parseFollowUpDays(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,3}$/.test(trimmed)) return 'invalid';
  const days = Number(trimmed);
  return days <= MAX_FOLLOW_UP_DAYS ? days : 'invalid';
}

export interface BuiltEvent {
  input: EventInput;
  /** Problems found before sending: the message for each backend field name. */
  errors: Partial<Record<(typeof EVENT_FIELDS)[number], PlainMessageKey>>;
}

export function buildInput(form: EventForm): BuiltEvent {
  const errors: BuiltEvent['errors'] = {};
  if (form.name.trim() === '') errors.name = 'validation.empty';
  if (form.startsOn.trim() === '') errors.starts_on = 'validation.empty';
  const days = parseFollowUpDays(form.followUpDays);
  if (days === 'invalid') errors.follow_up_days = 'events.form.followUpInvalid';
  return {
    input: {
      kind: form.kind,
      name: form.name.trim(),
      starts_on: form.startsOn.trim(),
      ends_on: form.endsOn.trim() === '' ? null : form.endsOn.trim(),
      place: form.place.trim(),
      organiser_id: form.organiserId,
      cost: form.cost.trim(),
      four_t: FOUR_TS.filter((x) => form.fourT.includes(x)),
      participant_ids: [...new Set(form.participantIds)],
      notes: form.notes.trim(),
      follow_up_days: days === 'invalid' ? null : days,
      outside_region: form.outsideRegion,
    },
    errors,
  };
}

/** The form field a backend field path belongs to: `participant_ids[2]` → `participant_ids`. */
export function formField(field: string | null): string | null {
  return field === null ? null : field.replace(/\[\d+\]$/, '');
}
