import { describe, expect, it } from 'vitest';
import type { HostDetail } from '$ipc';
import {
  buildHostInput,
  emptyHostForm,
  fromHostDetail,
  hostFormField,
  parseAges,
  parseCapacity,
  toggleRole,
} from './hostForm';

const detail: HostDetail = {
  id: 'h1',
  name: 'Maria Nilsson',
  municipality: 'Östersund',
  village: 'Brunflo',
  languages: ['svenska', 'arabiska'],
  interests: ['friluftsliv'],
  profession: 'ingenjör',
  life_stage: 'family',
  children_ages: [7, 9],
  capacity: 2,
  load: 1,
  status: 'paused',
  roles: ['culture', 'career'],
  availability: 'helger',
  email: 'maria@example.se',
  phone: '070-123 45 67',
  consent_on: '2026-01-15',
  notes: 'Har hund',
  trainings: [],
  matches: [],
};

describe('fromHostDetail', () => {
  it('fills every field, with lists as typed text and roles in canonical order', () => {
    const form = fromHostDetail(detail);
    expect(form.languages).toBe('svenska, arabiska');
    expect(form.childrenAges).toBe('7, 9');
    expect(form.capacity).toBe('2');
    expect(form.roles).toEqual(['career', 'culture']);
    expect(form.consentOn).toBe('2026-01-15');
    expect(form.status).toBe('paused');
  });

  it('round-trips through buildHostInput without losing anything', () => {
    const { input, errors } = buildHostInput(fromHostDetail(detail));
    expect(errors).toEqual({});
    expect(input).toEqual({
      name: 'Maria Nilsson',
      municipality: 'Östersund',
      village: 'Brunflo',
      languages: ['svenska', 'arabiska'],
      interests: ['friluftsliv'],
      profession: 'ingenjör',
      life_stage: 'family',
      children_ages: [7, 9],
      capacity: 2,
      status: 'paused',
      roles: ['career', 'culture'],
      availability: 'helger',
      email: 'maria@example.se',
      phone: '070-123 45 67',
      consent_on: '2026-01-15',
      notes: 'Har hund',
    });
  });
});

describe('buildHostInput', () => {
  it('needs a name and sends blanks as blanks', () => {
    const { input, errors } = buildHostInput(emptyHostForm());
    expect(errors).toEqual({ name: 'validation.empty' });
    expect(input.consent_on).toBeNull();
    expect(input.capacity).toBe(1);
    expect(input.children_ages).toEqual([]);
  });

  it('refuses impossible ages and capacities before sending', () => {
    const form = { ...emptyHostForm(), name: 'A', childrenAges: '7, nio', capacity: '11' };
    expect(buildHostInput(form).errors).toEqual({
      children_ages: 'hosts.form.childrenAgesInvalid',
      capacity: 'hosts.form.capacityInvalid',
    });
  });

  it('trims text and splits lists on commas, dropping repeats', () => {
    const form = { ...emptyHostForm(), name: '  Erik  ', languages: 'svenska, Svenska; finska', capacity: '' };
    const { input } = buildHostInput(form);
    expect(input.name).toBe('Erik');
    expect(input.languages).toEqual(['svenska', 'finska']);
    expect(input.capacity).toBeNull();
  });
});

describe('parsing', () => {
  it('reads ages separated by commas or spaces, sorted', () => {
    expect(parseAges('9, 7')).toEqual([7, 9]);
    expect(parseAges('3 12')).toEqual([3, 12]);
    expect(parseAges('')).toEqual([]);
    expect(parseAges('31')).toBe('invalid');
    expect(parseAges('-1')).toBe('invalid');
  });

  it('reads a capacity of 1–10', () => {
    expect(parseCapacity('')).toBeNull();
    expect(parseCapacity('1')).toBe(1);
    expect(parseCapacity('10')).toBe(10);
    expect(parseCapacity('0')).toBe('invalid');
    expect(parseCapacity('2,5')).toBe('invalid');
  });
});

describe('toggleRole', () => {
  it('keeps the canonical order', () => {
    expect(toggleRole(['culture'], 'career', true)).toEqual(['career', 'culture']);
    expect(toggleRole(['career', 'culture'], 'career', false)).toEqual(['culture']);
  });
});

describe('hostFormField', () => {
  it('maps indexed backend fields to the form field and ignores unknown ones', () => {
    expect(hostFormField('children_ages[1]')).toBe('children_ages');
    expect(hostFormField('languages[0]')).toBe('languages');
    expect(hostFormField('email')).toBe('email');
    expect(hostFormField('host_id')).toBeNull();
    expect(hostFormField(null)).toBeNull();
  });
});
