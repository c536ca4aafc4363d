import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n/index.svelte';
import { householdCount, memberSummary } from './counts';

beforeEach(() => setLocale('sv'));

describe('memberSummary', () => {
  it('uses singular and plural forms and leaves out children when there are none', () => {
    expect(memberSummary(1, 0)).toBe('1 vuxen');
    expect(memberSummary(2, 1)).toBe('2 vuxna · 1 barn');
    setLocale('en');
    expect(memberSummary(2, 3)).toBe('2 adults · 3 children');
    expect(memberSummary(1, 1)).toBe('1 adult · 1 child');
  });
});

describe('householdCount', () => {
  it('says "1 household", not "1 households"', () => {
    setLocale('en');
    expect(householdCount(1)).toBe('1 household');
    expect(householdCount(1200)).toBe('1,200 households');
  });
});
