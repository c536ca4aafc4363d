import { describe, expect, it } from 'vitest';
import type { ConsentTextDto, EventRow, MemberDto } from '$ipc';
import { buildAmbassador, emptyAmbassador, eventChoices, storyTellers, storyText } from './ambassador';

function text(purpose: ConsentTextDto['purpose'], version: number): ConsentTextDto {
  return { id: `${purpose}-${version}`, purpose, version, text_sv: 'Jag godkänner…', text_en: 'I agree…', created_at: '2026-01-01T00:00:00Z' };
}

function member(id: string, role: MemberDto['role']): MemberDto {
  return { id, first_name: id, last_name: null, role, birth_year: null, languages: [], profession: null, emails: [], phones: [] };
}

function event(id: string, kind: EventRow['kind'], starts_on: string): EventRow {
  return { id, kind, name: id, starts_on, ends_on: null, place: null, four_t: [], leads: 0, arrived: 0 };
}

describe('storyText', () => {
  it('picks the newest story/photo text', () => {
    expect(storyText([text('newsletter', 3), text('story_and_photo', 1), text('story_and_photo', 2)])?.id).toBe('story_and_photo-2');
    expect(storyText([text('newsletter', 1)])).toBeNull();
  });
});

describe('storyTellers', () => {
  it('offers the adults, or everyone when no adult is listed', () => {
    expect(storyTellers([member('a', 'adult'), member('c', 'child')]).map((m) => m.id)).toEqual(['a']);
    expect(storyTellers([member('c', 'child')]).map((m) => m.id)).toEqual(['c']);
  });
});

describe('buildAmbassador', () => {
  const members = [member('p1', 'adult')];
  const current = text('story_and_photo', 2);

  it('needs the tick that the person read and agreed, and how', () => {
    const form = emptyAmbassador(members, 'en');
    expect(form).toMatchObject({ personId: 'p1', language: 'en', agreed: false, method: null });
    expect(buildAmbassador('h', form, current)).toEqual({
      ok: false,
      errors: { agreed: 'ambassador.agreedRequired', method: 'validation.unknown_value' },
    });
  });

  it('sends the text version shown and the language it was read in', () => {
    const form = { ...emptyAmbassador(members, 'sv'), agreed: true, method: 'verbal' as const, story: '  Vi stannade.  ' };
    expect(buildAmbassador('h', form, current)).toEqual({
      ok: true,
      input: { household_id: 'h', person_id: 'p1', consent_text_id: 'story_and_photo-2', language: 'sv', method: 'verbal', story: 'Vi stannade.' },
    });
  });

  it('cannot record consent to a text that does not exist', () => {
    const form = { ...emptyAmbassador(members, 'sv'), agreed: true, method: 'form' as const };
    expect(buildAmbassador('h', form, null)).toEqual({ ok: false, errors: { consent_text_id: 'ambassador.noText' } });
  });
});

describe('eventChoices', () => {
  it('offers fairs first, newest first, without those already attended', () => {
    const events = [
      event('network', 'newcomer_network', '2026-05-01'),
      event('old-fair', 'fair', '2025-03-01'),
      event('new-fair', 'fair', '2026-03-01'),
      event('taken-fair', 'fair', '2026-04-01'),
    ];
    const taken = [{ id: 'att', event: { id: 'taken-fair', name: 'taken' }, starts_on: '2026-04-01' }];
    const choices = eventChoices(events, taken);
    expect(choices.fairs.map((e) => e.id)).toEqual(['new-fair', 'old-fair']);
    expect(choices.others.map((e) => e.id)).toEqual(['network']);
  });
});
