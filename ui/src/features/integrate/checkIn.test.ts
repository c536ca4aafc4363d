import { describe, expect, it } from 'vitest';
import { buildCheckIn, checkInField, emptyCheckIn } from './checkIn';

const today = '2026-06-01';

describe('buildCheckIn', () => {
  it('records a 6-month check-in where they stay', () => {
    const form = { ...emptyCheckIn('check_in', 6, today), note: '  Trivs bra  ' };
    expect(buildCheckIn('h1', 'check_in', form, today)).toEqual({
      ok: true,
      input: {
        household_id: 'h1',
        months: 6,
        outcome: 'staying',
        moved_away_reason: null,
        note: 'Trivs bra',
        on: today,
      },
    });
  });

  it('asks for the reason when they moved away', () => {
    const form = { ...emptyCheckIn('check_in', 12, today), outcome: 'moved_away' as const };
    expect(buildCheckIn('h1', 'check_in', form, today)).toEqual({
      ok: false,
      errors: { moved_away_reason: 'checkIn.reasonRequired' },
    });
    const withReason = buildCheckIn('h1', 'check_in', { ...form, reason: 'partner_job' }, today);
    expect(withReason.ok && withReason.input).toMatchObject({ months: 12, outcome: 'moved_away', moved_away_reason: 'partner_job' });
  });

  it('drops a reason chosen before switching back to staying', () => {
    const form = { ...emptyCheckIn('check_in', 6, today), reason: 'housing' as const };
    const built = buildCheckIn('h1', 'check_in', form, today);
    expect(built.ok && built.input.moved_away_reason).toBeNull();
  });

  it('sends no months for a move learnt between check-ins', () => {
    const form = { ...emptyCheckIn('moved_away', 6, today), reason: 'no_social_context' as const, on: '' };
    expect(form.outcome).toBe('moved_away');
    const built = buildCheckIn('h1', 'moved_away', form, today);
    expect(built.ok && built.input).toMatchObject({ months: null, outcome: 'moved_away', on: null });
  });

  it('refuses a date in the future or not a date', () => {
    const form = emptyCheckIn('check_in', 6, today);
    expect(buildCheckIn('h1', 'check_in', { ...form, on: '2026-06-02' }, today)).toEqual({
      ok: false,
      errors: { on: 'checkIn.dateInFuture' },
    });
    expect(buildCheckIn('h1', 'check_in', { ...form, on: '1/6 2026' }, today)).toEqual({
      ok: false,
      errors: { on: 'validation.invalid_date' },
    });
  });
});

describe('checkInField', () => {
  it('knows the fields the form shows', () => {
    expect(checkInField('moved_away_reason')).toBe('moved_away_reason');
    expect(checkInField('on')).toBe('on');
    expect(checkInField('household_id')).toBeNull();
    expect(checkInField(null)).toBeNull();
  });
});
