import { describe, expect, it } from 'vitest';
import type { OrganisationDetail } from '$ipc';
import { emptyForm, fromDetail, toInput, withParticipation } from './form';

const detail: OrganisationDetail = {
  id: 'o1',
  name: 'Skellefteå kommun',
  kind: 'municipality',
  municipality: 'Skellefteå',
  website: 'https://skelleftea.se',
  email: null,
  phone: '0910-73 50 00',
  participating: true,
  participating_since: '2025-03-01',
  projects: [],
  notes: 'Välkomstkontoret',
  contacts: [],
  links: [],
  open_tasks: [],
  timeline: [],
};

describe('organisation form', () => {
  it('round-trips a detail without losing or inventing values', () => {
    expect(toInput(fromDetail(detail))).toEqual({
      name: 'Skellefteå kommun',
      kind: 'municipality',
      municipality: 'Skellefteå',
      website: 'https://skelleftea.se',
      email: '',
      phone: '0910-73 50 00',
      participating: true,
      participating_since: '2025-03-01',
      notes: 'Välkomstkontoret',
    });
  });

  it('trims text and lets the backend default an empty start date to today', () => {
    const input = toInput({ ...emptyForm(), name: '  Northvolt ', participating: true });
    expect(input.name).toBe('Northvolt');
    expect(input.participating_since, 'empty means "today" on the backend').toBeNull();
  });

  it('drops the start date when the organisation no longer participates', () => {
    const input = toInput({ ...fromDetail(detail), participating: false });
    expect(input.participating_since).toBeNull();
  });

  it('toggles participation and keeps every other field', () => {
    const off = withParticipation(detail, false);
    expect(off).toMatchObject({ participating: false, notes: 'Välkomstkontoret', phone: '0910-73 50 00' });
    const on = withParticipation({ ...detail, participating: false, participating_since: null }, true);
    expect(on.participating).toBe(true);
    expect(on.participating_since, 'a new start is today, decided by the backend').toBeNull();
  });
});
