import { describe, expect, it } from 'vitest';
import type { OpeningDto } from '$ipc';
import { buildOpeningInput, emptyOpeningForm, fromOpening } from './form';

describe('opening form', () => {
  it('asks for the employer and the title before sending', () => {
    const built = buildOpeningInput(emptyOpeningForm(null));
    expect(built.input, 'nothing is sent').toBeNull();
    expect(built.errors).toEqual({ organisation_id: 'opening.form.chooseEmployer', title: 'validation.empty' });
  });

  it('trims what was typed and sends a blank start date as unknown', () => {
    const form = { ...emptyOpeningForm('org'), title: '  Sjuksköterska ', municipality: ' Falun ' };
    expect(buildOpeningInput(form).input).toEqual({
      organisation_id: 'org',
      title: 'Sjuksköterska',
      competence_area: '',
      municipality: 'Falun',
      starts_on: null,
      status: 'open',
      notes: '',
    });
  });

  it('refuses a start date that is not a day', () => {
    const form = { ...emptyOpeningForm('org'), title: 'Kock', startsOn: '2026-13-01' };
    expect(buildOpeningInput(form).errors.starts_on).toBe('validation.invalid_date');
  });

  it('edits from what the backend sent, keeping the employer', () => {
    const dto: OpeningDto = {
      id: 'o',
      organisation: { id: 'org', name: 'Avesta Rostfritt AB' },
      title: 'Kock',
      competence_area: null,
      municipality: 'Avesta',
      starts_on: '2026-04-01',
      status: 'filled',
      notes: null,
      referrals: 2,
      hired: 1,
    };
    expect(fromOpening(dto)).toEqual({
      organisationId: 'org',
      title: 'Kock',
      competenceArea: '',
      municipality: 'Avesta',
      startsOn: '2026-04-01',
      status: 'filled',
      notes: '',
    });
  });
});
