import { describe, expect, it } from 'vitest';
import type { HouseholdDetail } from '$ipc';
import {
  buildInput,
  draftFromDetail,
  emptyHousehold,
  emptyMember,
  fieldKey,
  parseBirthYear,
  splitEmails,
  splitList,
  warnedValue,
} from './form';

describe('splitList', () => {
  it('splits on commas, semicolons and line breaks and trims', () => {
    expect(splitList(' Umeå, Skellefteå;Luleå\nKiruna ')).toEqual([
      'Umeå',
      'Skellefteå',
      'Luleå',
      'Kiruna',
    ]);
  });

  it('drops blanks and repeats that differ only in case, keeping the first spelling', () => {
    expect(splitList('Svenska, , engelska, Engelska,svenska')).toEqual(['Svenska', 'engelska']);
  });

  it('keeps spaces inside items, which phone numbers need', () => {
    expect(splitList('070-123 45 67, +47 912 34 567')).toEqual(['070-123 45 67', '+47 912 34 567']);
  });
});

describe('splitEmails', () => {
  it('also splits on whitespace, since pasted address lists often use it', () => {
    expect(splitEmails('anna@example.se erik@example.no;  anna@EXAMPLE.se')).toEqual([
      'anna@example.se',
      'erik@example.no',
    ]);
  });
});

describe('parseBirthYear', () => {
  it('reads four digits, blank as unknown, anything else as invalid', () => {
    expect(parseBirthYear(' 1987 ')).toBe(1987);
    expect(parseBirthYear('')).toBeNull();
    expect(parseBirthYear('87'), 'two digits are ambiguous, not a year').toBe('invalid');
    expect(parseBirthYear('19a7')).toBe('invalid');
  });
});

describe('buildInput', () => {
  it('turns the typed text into the backend input', () => {
    const draft = emptyHousehold('user-1');
    draft.municipalities = 'Umeå, Vännäs';
    draft.tags = 'dual career';
    draft.source = ' Mässa ';
    Object.assign(draft.members[0]!, {
      first_name: ' Anna ',
      last_name: 'Lind',
      birth_year: '1988',
      languages: 'svenska, engelska',
      emails: 'anna@example.se',
      phones: '070-123 45 67',
      profession: 'Sjuksköterska',
    });
    const { input, errors } = buildInput(draft);
    expect(errors).toEqual({});
    expect(input).toEqual({
      name: '',
      members: [
        {
          id: null,
          first_name: 'Anna',
          last_name: 'Lind',
          role: 'adult',
          birth_year: 1988,
          languages: ['svenska', 'engelska'],
          profession: 'Sjuksköterska',
          emails: ['anna@example.se'],
          phones: ['070-123 45 67'],
        },
      ],
      desired_municipalities: ['Umeå', 'Vännäs'],
      source: 'Mässa',
      source_event_id: null,
      tags: ['dual career'],
      interests: [],
      notes: '',
      owner_id: 'user-1',
      stage: null,
      time_frame: null,
    });
  });

  it('skips new rows left empty and remembers which form row each sent member came from', () => {
    const draft = emptyHousehold(null);
    draft.members[0]!.first_name = 'Anna';
    draft.members.push(emptyMember('adult'), emptyMember('child'));
    draft.members[2]!.first_name = 'Olle';
    const { input, memberRows } = buildInput(draft);
    expect(input.members.map((m) => m.first_name)).toEqual(['Anna', 'Olle']);
    expect(memberRows, 'Olle is sent second but sits in form row 2').toEqual([0, 2]);
  });

  it('sends a child known only by age, without a first name', () => {
    const draft = emptyHousehold(null);
    draft.members[0]!.first_name = 'Anna';
    draft.members.push(emptyMember('child'));
    draft.members[1]!.birth_year = '2019';
    const { input, errors } = buildInput(draft);
    expect(errors).toEqual({});
    expect(input.members[1]).toMatchObject({ role: 'child', first_name: '', birth_year: 2019 });
  });

  it('sends the chosen time frame', () => {
    const draft = emptyHousehold(null);
    draft.members[0]!.first_name = 'Anna';
    draft.time_frame = 'within_6_months';
    expect(buildInput(draft).input.time_frame).toBe('within_6_months');
  });

  it('sends an existing member even when every field was cleared, so the server can refuse it', () => {
    const draft = emptyHousehold(null);
    draft.members[0]!.id = 'person-1';
    expect(buildInput(draft).input.members).toHaveLength(1);
  });

  it('flags a birth year that is not four digits before sending', () => {
    const draft = emptyHousehold(null);
    draft.members[0]!.first_name = 'Anna';
    draft.members[0]!.birth_year = '88';
    const { input, errors } = buildInput(draft);
    expect(errors).toEqual({ 'members.0.birth_year': 'impossible_birth_year' });
    expect(input.members[0]!.birth_year).toBeNull();
  });
});

describe('fieldKey', () => {
  it('points list items at their list input and sent positions at form rows', () => {
    expect(fieldKey('members[1].birth_year', [0, 2])).toBe('members.2.birth_year');
    expect(fieldKey('members[0].phones[3]', [1])).toBe('members.1.phones');
    expect(fieldKey('desired_municipalities[2]', [])).toBe('desired_municipalities');
    expect(fieldKey('name', [])).toBe('name');
    expect(fieldKey('members', [0]), 'no adult: the member list as a whole').toBe('members');
  });
});

describe('warnedValue', () => {
  it('finds the address an odd-email warning is about', () => {
    const draft = emptyHousehold(null);
    draft.members[0]!.first_name = 'Anna';
    draft.members[0]!.emails = 'a@b.se, anna@gmial.com';
    const { input } = buildInput(draft);
    expect(warnedValue('members[0].emails[1]', input)).toEqual({
      member: 'Anna',
      value: 'anna@gmial.com',
    });
    expect(warnedValue('members[4].emails[0]', input)).toBeNull();
  });
});

describe('draftFromDetail', () => {
  it('round-trips a saved household without losing its source event or time frame', () => {
    const detail = {
      id: 'h1',
      name: 'Anna & Erik Lind',
      stage: 'contacted',
      phase: 'attract',
      closed_reason: null,
      arrived_on: null,
      owner: { id: 'u1', name: 'Karin' },
      source: 'Mässa',
      source_event_id: 'event-1',
      source_event_name: 'Jobbmässan',
      time_frame: 'within_1_year',
      self_registered: true,
      reviewed_at: null,
      duplicate_of: null,
      desired_municipalities: ['Umeå'],
      tags: ['it'],
      interests: ['friluftsliv'],
      notes: null,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      members: [
        {
          id: 'p1',
          first_name: 'Anna',
          last_name: 'Lind',
          role: 'adult',
          birth_year: 1988,
          languages: ['svenska', 'engelska'],
          profession: null,
          emails: ['anna@example.se'],
          phones: [],
        },
      ],
      timeline: [],
      stage_history: [],
      consents: [],
      links: [],
      open_tasks: [],
      next_stage: 'engaged',
    } satisfies HouseholdDetail;
    const { input } = buildInput(draftFromDetail(detail));
    expect(input.source_event_id).toBe('event-1');
    expect(input.time_frame, 'the time frame asked at the fair survives an edit').toBe('within_1_year');
    expect(input.members[0]).toMatchObject({
      id: 'p1',
      languages: ['svenska', 'engelska'],
      birth_year: 1988,
      profession: '',
    });
    expect(input.owner_id).toBe('u1');
  });
});
