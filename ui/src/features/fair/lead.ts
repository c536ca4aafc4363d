// The lead form shared by fair mode (staff) and the kiosk (visitors): what is typed, how it
// becomes a `LeadInput`, and where the backend's field names land on the form. Pure, so it is
// tested without a window.
import type {
  ConsentTextDto,
  LeadConsent,
  LeadInput,
  Purpose,
  TimeFrame,
  UiLanguage,
  ValidationKind,
} from '$ipc';

/** The backend's limits (landa-domain `fair.rs`): older children are adults in the household. */
export const MAX_CHILD_AGE = 17;
export const MAX_CHILDREN = 12;

export interface AdultDraft {
  first_name: string;
  last_name: string;
  profession: string;
}

export interface LeadDraft {
  /** The visitor, then the partner (who may stay blank). */
  adults: [AdultDraft, AdultDraft];
  email: string;
  phone: string;
  /** One entry per child, as typed; blank when the age was not given. */
  childAges: string[];
  /** Comma-separated, as typed. */
  municipalities: string;
  timeFrame: TimeFrame | null;
  note: string;
  /** The purposes whose box is ticked. */
  consents: Purpose[];
}

const emptyAdult = (): AdultDraft => ({ first_name: '', last_name: '', profession: '' });

export function emptyDraft(): LeadDraft {
  return {
    adults: [emptyAdult(), emptyAdult()],
    email: '',
    phone: '',
    childAges: [],
    municipalities: '',
    timeFrame: null,
    note: '',
    consents: [],
  };
}

const blank = (s: string) => s.trim() === '';
const adultIsBlank = (a: AdultDraft) => blank(a.first_name) && blank(a.last_name) && blank(a.profession);

/** Nothing typed or ticked: Escape may leave, the idle timer has nothing to clear. */
export function isDraftEmpty(d: LeadDraft): boolean {
  return (
    d.adults.every(adultIsBlank) &&
    blank(d.email) &&
    blank(d.phone) &&
    d.childAges.length === 0 &&
    blank(d.municipalities) &&
    d.timeFrame === null &&
    blank(d.note) &&
    d.consents.length === 0
  );
}

/**
 * The number of children as typed in the count field (`''`, `'2'`, `'-1'`, `'99'`), clamped
 * to what the form offers.
 */
export function parseChildCount(raw: string | number | null | undefined): number {
  const n = typeof raw === 'number' ? raw : Number.parseInt(String(raw ?? '').trim(), 10);
  if (!Number.isFinite(n) || n < 0) return 0;
  return Math.min(Math.trunc(n), MAX_CHILDREN);
}

/** Grows or shrinks the list of ages to `count`, keeping the ages already typed. */
export function resizeAges(ages: readonly string[], count: number): string[] {
  const n = parseChildCount(count);
  const next = ages.slice(0, n);
  while (next.length < n) next.push('');
  return next;
}

/** "Östersund, Krokom ,, Åre" → ["Östersund", "Krokom", "Åre"] (duplicates dropped). */
export function parseMunicipalities(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(/[,;\n]/)) {
    const name = part.trim().replace(/\s+/g, ' ');
    if (name !== '' && !out.some((o) => o.toLocaleLowerCase('sv') === name.toLocaleLowerCase('sv'))) {
      out.push(name);
    }
  }
  return out;
}

/** An age as typed: `null` when blank, a whole number 0–17, or `undefined` when impossible. */
export function parseAge(raw: string): number | null | undefined {
  const text = raw.trim();
  if (text === '') return null;
  if (!/^\d{1,2}$/.test(text)) return undefined;
  const age = Number(text);
  return age <= MAX_CHILD_AGE ? age : undefined;
}

/** The form's errors, keyed by field (see `fieldKey`), as validation kinds. */
export type DraftErrors = Record<string, ValidationKind>;

export interface BuiltLead {
  input: LeadInput;
  /** Mistakes caught before asking the backend; empty when the input may be sent. */
  errors: DraftErrors;
}

/**
 * The `LeadInput` for a draft. `texts` are the consent texts shown next to the boxes and
 * `language` the language they were shown in: both go with each ticked purpose, so the
 * record says exactly which wording the person agreed to.
 */
export function buildLead(
  d: LeadDraft,
  texts: readonly ConsentTextDto[],
  language: UiLanguage,
): BuiltLead {
  const errors: DraftErrors = {};
  const trimAdult = (a: AdultDraft) => ({
    first_name: a.first_name.trim(),
    last_name: a.last_name.trim(),
    profession: a.profession.trim(),
  });
  const adults = [trimAdult(d.adults[0])];
  if (!adultIsBlank(d.adults[1])) adults.push(trimAdult(d.adults[1]));
  adults.forEach((a, i) => {
    if (a.first_name === '') errors[`adults[${i}].first_name`] = 'empty';
  });

  const email = d.email.trim();
  const phone = d.phone.trim();
  if (email === '' && phone === '') errors['email'] = 'no_contact';

  const children: (number | null)[] = d.childAges.map((raw, i) => {
    const age = parseAge(raw);
    if (age === undefined) {
      errors[`children[${i}]`] = 'impossible_age';
      return null;
    }
    return age;
  });

  const consents: LeadConsent[] = [];
  for (const purpose of d.consents) {
    const text = texts.find((t) => t.purpose === purpose);
    if (text && !consents.some((c) => c.purpose === purpose)) {
      consents.push({ purpose, text_id: text.id, language });
    }
  }

  return {
    input: {
      adults,
      email,
      phone,
      children,
      municipalities: parseMunicipalities(d.municipalities),
      time_frame: d.timeFrame,
      note: d.note.trim(),
      consents,
    },
    errors,
  };
}

/** The fields the form shows a message next to, in the order they are on screen. */
export function fieldOrder(d: LeadDraft): string[] {
  return [
    'adults[0].first_name',
    'adults[0].last_name',
    'adults[0].profession',
    'adults[1].first_name',
    'adults[1].last_name',
    'adults[1].profession',
    'email',
    'phone',
    'children',
    ...d.childAges.map((_, i) => `children[${i}]`),
    'municipalities',
    'time_frame',
    'note',
    'consents',
  ];
}

/**
 * Where a backend field name is shown: `municipalities[2]` on the municipalities field,
 * `consents[0]` next to the consent boxes, `members[0].emails[0]` on the email. `null` when
 * the form has no such field (the message then goes above the form).
 */
export function fieldKey(field: string | null, d: LeadDraft): string | null {
  if (field === null) return null;
  if (field.startsWith('municipalities')) return 'municipalities';
  if (field.startsWith('consents')) return 'consents';
  if (field.startsWith('members[0].emails')) return 'email';
  if (field.startsWith('members[0].phones')) return 'phone';
  if (field === 'adults') return 'adults[0].first_name';
  const known = fieldOrder(d);
  if (known.includes(field)) return field;
  // `adults[0].languages` and the like: the adult's row, at its first name.
  const adult = /^adults\[(\d)\]/.exec(field);
  if (adult) return `adults[${adult[1]}].first_name`;
  return null;
}

/** "Astrid Öhman" (and "Astrid Öhman & Per Lind" with a partner), for the saved line. */
export function leadName(input: LeadInput): string {
  const names = input.adults
    .map((a) => `${a.first_name} ${a.last_name}`.trim())
    .filter((n) => n !== '');
  return names.join(' & ');
}
