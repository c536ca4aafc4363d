import { describe, expect, it } from 'vitest';
import type { HouseholdRow } from '$ipc';
import { referrerChoices, withoutSuggested } from './referral';

function row(id: string): HouseholdRow {
  return { id, name: id, stage: 'ambassador', phase: 'strengthened_brand', owner_name: null, municipalities: [], tags: [], adults: 1, children: 0, updated_at: '2026-01-01T00:00:00Z' };
}

describe('referrerChoices', () => {
  it('never offers the household itself, and each household once', () => {
    expect(referrerChoices([row('self'), row('a'), row('a'), row('b')], 'self').map((r) => r.id)).toEqual(['a', 'b']);
  });
});

describe('withoutSuggested', () => {
  it('leaves out search hits already shown as suggestions', () => {
    expect(withoutSuggested([row('a'), row('b')], [row('a')]).map((r) => r.id)).toEqual(['b']);
  });
});
