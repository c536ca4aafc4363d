// Making a newcomer an ambassador: who agreed, to which version of the story/photo text and
// in which language, how, and their story. Also which events they can be added to.
import type {
  AmbassadorEvent,
  AmbassadorInput,
  ConsentMethod,
  ConsentTextDto,
  EventRow,
  MemberDto,
  UiLanguage,
} from '$ipc';
import type { PlainMessageKey } from '$lib/i18n/index.svelte';

/** How a coordinator hears an ambassador's yes; kiosk and decision are not ways to agree to this. */
export const AMBASSADOR_METHODS: readonly ConsentMethod[] = ['form', 'verbal', 'email', 'paper'];

export interface AmbassadorForm {
  personId: string | null;
  language: UiLanguage;
  /** The coordinator confirms the person read and agreed to the text shown. */
  agreed: boolean;
  method: ConsentMethod | null;
  story: string;
}

export const AMBASSADOR_FIELDS = ['person_id', 'consent_text_id', 'agreed', 'method', 'story'] as const;
export type AmbassadorField = (typeof AMBASSADOR_FIELDS)[number];

/** The story/photo text in force (its newest version), if one was published. */
export function storyText(texts: readonly ConsentTextDto[]): ConsentTextDto | null {
  return (
    texts
      .filter((text) => text.purpose === 'story_and_photo')
      .sort((a, b) => b.version - a.version)[0] ?? null
  );
}

/** Adults can agree to tell their story; children only when a household has no adult listed. */
export function storyTellers(members: readonly MemberDto[]): MemberDto[] {
  const adults = members.filter((m) => m.role === 'adult');
  return adults.length > 0 ? adults : [...members];
}

export function emptyAmbassador(members: readonly MemberDto[], language: UiLanguage): AmbassadorForm {
  return { personId: storyTellers(members)[0]?.id ?? null, language, agreed: false, method: null, story: '' };
}

export type AmbassadorBuild =
  | { ok: true; input: AmbassadorInput }
  | { ok: false; errors: Partial<Record<AmbassadorField, PlainMessageKey>> };

export function buildAmbassador(
  householdId: string,
  form: AmbassadorForm,
  text: ConsentTextDto | null,
): AmbassadorBuild {
  const errors: Partial<Record<AmbassadorField, PlainMessageKey>> = {};
  if (form.personId === null) errors.person_id = 'ambassador.personRequired';
  if (text === null) errors.consent_text_id = 'ambassador.noText';
  if (!form.agreed) errors.agreed = 'ambassador.agreedRequired';
  if (form.method === null) errors.method = 'validation.unknown_value';
  if (form.personId === null || text === null || !form.agreed || form.method === null) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    input: {
      household_id: householdId,
      person_id: form.personId,
      consent_text_id: text.id,
      language: form.language,
      method: form.method,
      story: form.story.trim(),
    },
  };
}

export function ambassadorField(field: string | null): AmbassadorField | null {
  return (AMBASSADOR_FIELDS as readonly (string | null)[]).includes(field) ? (field as AmbassadorField) : null;
}

/**
 * Events an ambassador can be added to: fairs first (where they meet prospects), then the
 * rest; the newest first within each; those they already took part in are left out.
 */
export function eventChoices(
  events: readonly EventRow[],
  taken: readonly AmbassadorEvent[],
): { fairs: EventRow[]; others: EventRow[] } {
  const takenIds = new Set(taken.map((a) => a.event.id));
  const free = events
    .filter((e) => !takenIds.has(e.id))
    .sort((a, b) => b.starts_on.localeCompare(a.starts_on) || a.name.localeCompare(b.name));
  return { fairs: free.filter((e) => e.kind === 'fair'), others: free.filter((e) => e.kind !== 'fair') };
}
