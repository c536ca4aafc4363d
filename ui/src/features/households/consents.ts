// Consent records are append-only: a withdrawal is a new record, not an edit. What applies
// now is the newest record for each person and purpose; older ones are the audit trail.
import type { ConsentDto, ConsentStatus, LawfulBasis, Purpose } from '$ipc';

export interface ConsentGroup {
  current: ConsentDto;
  /** Earlier records for the same person and purpose, newest first. */
  earlier: ConsentDto[];
}

export function groupConsents(consents: readonly ConsentDto[]): ConsentGroup[] {
  const sorted = [...consents].sort((a, b) => b.recorded_at.localeCompare(a.recorded_at));
  const groups = new Map<string, ConsentGroup>();
  for (const c of sorted) {
    const key = `${c.person_id}\u0000${c.purpose}`;
    const group = groups.get(key);
    if (group) group.earlier.push(c);
    else groups.set(key, { current: c, earlier: [] });
  }
  return [...groups.values()].sort(
    (a, b) =>
      a.current.person_name.localeCompare(b.current.person_name) ||
      a.current.purpose.localeCompare(b.current.purpose),
  );
}

/** What the record dialog starts with, e.g. when withdrawing a given consent. */
export interface ConsentPreset {
  person_id: string;
  purpose: Purpose;
  basis: LawfulBasis;
  status: ConsentStatus;
}
