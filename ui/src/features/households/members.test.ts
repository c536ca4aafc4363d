import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n/index.svelte';
import { memberName } from './members';

const child = { first_name: '', last_name: 'Lind', role: 'child' as const, birth_year: 2019 };

beforeEach(() => setLocale('sv'));

describe('memberName', () => {
  it('uses the name when there is one', () => {
    expect(memberName({ ...child, first_name: 'Olle' }, 2026)).toBe('Olle Lind');
    expect(memberName({ ...child, first_name: 'Olle', last_name: null }, 2026)).toBe('Olle');
  });

  it('names a child known only by age by role and age, in the UI language', () => {
    expect(memberName(child, 2026)).toBe('Barn, 7 år');
    setLocale('en');
    expect(memberName(child, 2026)).toBe('Child, 7 years');
    expect(memberName({ ...child, birth_year: 2025 }, 2026)).toBe('Child, 1 year');
  });

  it('falls back to the role when neither name nor age is known', () => {
    expect(memberName({ ...child, birth_year: null }, 2026)).toBe('Barn');
  });
});
