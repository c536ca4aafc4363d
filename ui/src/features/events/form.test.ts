import { describe, expect, it } from 'vitest';
import type { EventDetail } from '$ipc';
import { buildInput, emptyForm, formField, fromDetail, parseFollowUpDays, toggleFourT } from './form';

const detail: EventDetail = {
  id: 'e1',
  kind: 'fair',
  name: 'Jobbmässan Stockholm',
  starts_on: '2026-03-03',
  ends_on: '2026-03-04',
  place: 'Stockholmsmässan',
  organiser: { id: 'o1', name: 'Region Jämtland Härjedalen' },
  cost: '12500.50',
  four_t: ['talent', 'territorial_assets'],
  participants: [
    { id: 'o2', name: 'Östersunds kommun' },
    { id: 'o3', name: 'Mittuniversitetet' },
  ],
  notes: 'Monter B12',
  follow_up_days: 5,
  outside_region: true,
  attendees: [],
  outcomes: { leads: 0, contacted: 0, engaged: 0, arrived: 0, retained: 0, cost: null, cost_per_arrived: null },
  captured_today: 0,
};

describe('fromDetail', () => {
  it('pre-fills the cost in Swedish format and keeps participants and 4T', () => {
    const form = fromDetail(detail);
    expect(form.cost).toBe('12 500,50');
    expect(form.participantIds).toEqual(['o2', 'o3']);
    expect(form.fourT).toEqual(['talent', 'territorial_assets']);
    expect(form.followUpDays).toBe('5');
    expect(form.organiserId).toBe('o1');
    expect(form.outsideRegion).toBe(true);
  });

  it('round-trips an unchanged event to the same record', () => {
    const { input, errors } = buildInput(fromDetail(detail));
    expect(errors).toEqual({});
    expect(input).toEqual({
      kind: 'fair',
      name: 'Jobbmässan Stockholm',
      starts_on: '2026-03-03',
      ends_on: '2026-03-04',
      place: 'Stockholmsmässan',
      organiser_id: 'o1',
      cost: '12 500,50',
      four_t: ['talent', 'territorial_assets'],
      participant_ids: ['o2', 'o3'],
      notes: 'Monter B12',
      follow_up_days: 5,
      outside_region: true,
    });
  });
});

describe('buildInput', () => {
  it('sends a one-day event without an end date and the default follow-up when blank', () => {
    const form = { ...emptyForm(), name: ' Inflyttarträff ', startsOn: '2026-05-01', followUpDays: '' };
    const { input, errors } = buildInput(form);
    expect(errors).toEqual({});
    expect(input.ends_on).toBeNull();
    expect(input.follow_up_days).toBeNull();
    expect(input.name).toBe('Inflyttarträff');
  });

  it('starts new events inside the region and sends the choice as a plain yes or no', () => {
    const base = { ...emptyForm(), name: 'x', startsOn: '2026-01-01' };
    expect(emptyForm().outsideRegion).toBe(false);
    expect(buildInput(base).input.outside_region).toBe(false);
    expect(buildInput({ ...base, outsideRegion: true }).input.outside_region).toBe(true);
  });

  it('starts new events as fairs with a three-day follow-up', () => {
    expect(emptyForm().kind).toBe('fair');
    expect(buildInput({ ...emptyForm(), name: 'x', startsOn: '2026-01-01' }).input.follow_up_days).toBe(3);
  });

  it('flags a missing name, a missing start date and a bad follow-up before sending', () => {
    const { errors } = buildInput({ ...emptyForm(), followUpDays: 'tre' });
    expect(errors).toEqual({
      name: 'validation.empty',
      starts_on: 'validation.empty',
      follow_up_days: 'events.form.followUpInvalid',
    });
  });

  it('sends 4T in the canonical order and each participant once', () => {
    const form = {
      ...emptyForm(),
      name: 'x',
      startsOn: '2026-01-01',
      fourT: ['territorial_assets', 'talent'] as const,
      participantIds: ['o1', 'o2', 'o1'],
    };
    const { input } = buildInput({ ...form, fourT: [...form.fourT] });
    expect(input.four_t).toEqual(['talent', 'territorial_assets']);
    expect(input.participant_ids).toEqual(['o1', 'o2']);
  });
});

describe('parseFollowUpDays', () => {
  it('accepts whole days up to a year', () => {
    expect(parseFollowUpDays(' 7 ')).toBe(7);
    expect(parseFollowUpDays('0')).toBe(0);
    expect(parseFollowUpDays('365')).toBe(365);
    expect(parseFollowUpDays('366')).toBe('invalid');
    expect(parseFollowUpDays('2,5')).toBe('invalid');
    expect(parseFollowUpDays('')).toBeNull();
  });
});

describe('toggleFourT', () => {
  it('switches one category and keeps the canonical order', () => {
    expect(toggleFourT(['technology'], 'talent', true)).toEqual(['talent', 'technology']);
    expect(toggleFourT(['talent', 'technology'], 'talent', false)).toEqual(['technology']);
  });
});

describe('formField', () => {
  it('points list items at their list', () => {
    expect(formField('participant_ids[1]')).toBe('participant_ids');
    expect(formField('ends_on')).toBe('ends_on');
    expect(formField(null)).toBeNull();
  });
});
