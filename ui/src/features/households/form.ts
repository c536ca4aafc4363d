// The household form edits text the way coordinators type it (comma-separated lists, a
// birth year as digits) and turns it into the backend's `HouseholdInput` in one place, so
// the dialog and its tests agree on what is sent.
import type { HouseholdDetail, HouseholdInput, MemberInput, MemberRole, TimeFrame } from '$ipc';

export interface MemberDraft {
  /** Set for members that already exist, so an edit updates them instead of re-creating. */
  id: string | null;
  /** Stable key for `{#each}` while rows are added and removed. */
  key: number;
  role: MemberRole;
  first_name: string;
  last_name: string;
  birth_year: string;
  languages: string;
  profession: string;
  emails: string;
  phones: string;
}

export interface HouseholdDraft {
  name: string;
  members: MemberDraft[];
  municipalities: string;
  source: string;
  /** Not editable here, but must survive an edit: the fair where the lead was met. */
  source_event_id: string | null;
  tags: string;
  /** Comma list: compared with culture hosts' interests when matching. */
  interests: string;
  notes: string;
  owner_id: string | null;
  /** When they think they might move; null when not asked or not known. */
  time_frame: TimeFrame | null;
}

let nextKey = 1;

export function emptyMember(role: MemberRole, lastName = ''): MemberDraft {
  return {
    id: null,
    key: nextKey++,
    role,
    first_name: '',
    last_name: lastName,
    birth_year: '',
    languages: '',
    profession: '',
    emails: '',
    phones: '',
  };
}

export function emptyHousehold(ownerId: string | null): HouseholdDraft {
  return {
    name: '',
    members: [emptyMember('adult')],
    municipalities: '',
    source: '',
    source_event_id: null,
    tags: '',
    interests: '',
    notes: '',
    owner_id: ownerId,
    time_frame: null,
  };
}

/**
 * Splits what a coordinator typed into list items: commas, semicolons and line breaks
 * separate; blanks and repeats (ignoring case) are dropped, the first spelling wins.
 */
export function splitList(text: string): string[] {
  return dedupe(text.split(/[,;\n]/));
}

/** E-mail addresses cannot contain spaces, so a space separates them too (pasted lists). */
export function splitEmails(text: string): string[] {
  return dedupe(text.split(/[,;\s]+/));
}

function dedupe(parts: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of parts) {
    const item = raw.trim();
    const folded = item.toLocaleLowerCase();
    if (item === '' || seen.has(folded)) continue;
    seen.add(folded);
    out.push(item);
  }
  return out;
}

export function joinList(items: readonly string[]): string {
  return items.join(', ');
}

/** `null` for blank, a number for four digits, `'invalid'` for anything else. */
export function parseBirthYear(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d{4}$/.test(trimmed) ? Number(trimmed) : 'invalid';
}

export function draftFromDetail(detail: HouseholdDetail): HouseholdDraft {
  return {
    name: detail.name,
    members: detail.members.map((m) => ({
      id: m.id,
      key: nextKey++,
      role: m.role,
      first_name: m.first_name,
      last_name: m.last_name ?? '',
      birth_year: m.birth_year === null ? '' : String(m.birth_year),
      languages: joinList(m.languages),
      profession: m.profession ?? '',
      emails: joinList(m.emails),
      phones: joinList(m.phones),
    })),
    municipalities: joinList(detail.desired_municipalities),
    source: detail.source ?? '',
    source_event_id: detail.source_event_id,
    tags: joinList(detail.tags),
    interests: joinList(detail.interests),
    notes: detail.notes ?? '',
    owner_id: detail.owner?.id ?? null,
    time_frame: detail.time_frame,
  };
}

function isBlankNewMember(m: MemberDraft): boolean {
  return (
    m.id === null &&
    [m.first_name, m.last_name, m.birth_year, m.languages, m.profession, m.emails, m.phones].every(
      (v) => v.trim() === '',
    )
  );
}

export interface BuiltInput {
  input: HouseholdInput;
  /** For each member sent, its row in the form: server errors name the sent position. */
  memberRows: number[];
  /** Errors found before sending, keyed like `fieldKey()` output. */
  errors: Record<string, 'impossible_birth_year'>;
}

/**
 * Builds the input to save. Rows added and left completely empty are skipped rather than
 * refused, so an extra "add child" click never blocks saving.
 */
export function buildInput(draft: HouseholdDraft): BuiltInput {
  const members: MemberInput[] = [];
  const memberRows: number[] = [];
  const errors: BuiltInput['errors'] = {};
  draft.members.forEach((m, row) => {
    if (isBlankNewMember(m)) return;
    const year = parseBirthYear(m.birth_year);
    if (year === 'invalid') errors[`members.${row}.birth_year`] = 'impossible_birth_year';
    memberRows.push(row);
    members.push({
      id: m.id,
      first_name: m.first_name.trim(),
      last_name: m.last_name.trim(),
      role: m.role,
      birth_year: year === 'invalid' ? null : year,
      languages: splitList(m.languages),
      profession: m.profession.trim(),
      emails: splitEmails(m.emails),
      phones: splitList(m.phones),
    });
  });
  return {
    input: {
      name: draft.name.trim(),
      members,
      desired_municipalities: splitList(draft.municipalities),
      source: draft.source.trim(),
      source_event_id: draft.source_event_id,
      tags: splitList(draft.tags),
      interests: splitList(draft.interests),
      notes: draft.notes.trim(),
      owner_id: draft.owner_id,
      stage: null,
      time_frame: draft.time_frame,
    },
    memberRows,
    errors,
  };
}

/**
 * Maps a server field path to the form input that shows its error: list items point at
 * their list's input (`members[0].phones[2]` → `members.0.phones`), and member positions
 * are translated from the sent array back to form rows.
 */
export function fieldKey(field: string, memberRows: readonly number[]): string {
  const withoutItem = field.replace(/\[\d+\]$/, '');
  return withoutItem.replace(/^members\[(\d+)\]/, (_whole, sent: string) => {
    const row = memberRows[Number(sent)];
    return `members.${row ?? sent}`;
  });
}

/** The e-mail address a warning such as `members[1].emails[0]` is about, if it can be found. */
export function warnedValue(
  field: string,
  input: HouseholdInput,
): { member: string; value: string } | null {
  const match = /^members\[(\d+)\]\.emails\[(\d+)\]$/.exec(field);
  if (!match) return null;
  const member = input.members[Number(match[1])];
  const value = member?.emails[Number(match[2])];
  if (!member || value === undefined) return null;
  return { member: member.first_name, value };
}
