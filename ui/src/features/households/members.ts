// What to call a household member in lists. Children met at a fair may be recorded by age
// only ("two kids, 4 and 7"), so a member without a first name is named by role and age.
import type { MemberRole } from '$ipc';
import { t } from '$lib/i18n/index.svelte';
import { memberRoleLabel } from '$lib/vocab';
import { ageInYear } from './format';

export interface NamedMember {
  first_name: string;
  last_name: string | null;
  role: MemberRole;
  birth_year: number | null;
}

/** "Anna Lind"; "Barn, 7 år" / "Child, 7 years" for a child known only by age. */
export function memberName(member: NamedMember, year: number): string {
  if (member.first_name.trim() !== '') {
    return [member.first_name, member.last_name].filter((part) => part && part.trim() !== '').join(' ');
  }
  if (member.birth_year === null) return memberRoleLabel(member.role);
  const age = ageInYear(member.birth_year, year);
  return age === 1
    ? t('households.members.unnamedOne', { role: memberRoleLabel(member.role) })
    : t('households.members.unnamed', { role: memberRoleLabel(member.role), age });
}
