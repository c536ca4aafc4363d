import { describe, expect, it } from 'vitest';
import { barWidth, changeDirection, percentOf, reportState, signedChange } from './format';

describe('signedChange', () => {
  it('shows the sign and formats the number for the locale', () => {
    expect(signedChange(3, 'sv-SE')).toBe('+3');
    expect(signedChange(-2, 'sv-SE')).toBe('\u22122');
    expect(signedChange(0, 'en-GB')).toBe('±0');
    expect(signedChange(1200, 'sv-SE')).toBe('+1\u00a0200');
    expect(signedChange(1200, 'en-GB')).toBe('+1,200');
  });

  it('names the direction', () => {
    expect(changeDirection(5)).toBe('up');
    expect(changeDirection(-1)).toBe('down');
    expect(changeDirection(0)).toBe('none');
  });
});

describe('shares', () => {
  it('gives a per cent with one decimal, or nothing without a whole', () => {
    expect(percentOf(31, 32)).toBe(96.9);
    expect(percentOf(0, 0)).toBeNull();
    expect(percentOf(1, 3)).toBe(33.3);
  });

  it('never draws a bar wider than the whole or below zero', () => {
    expect(barWidth(5, 10)).toBe(50);
    expect(barWidth(12, 10)).toBe(100);
    expect(barWidth(3, 0)).toBe(0);
    expect(barWidth(-1, 10)).toBe(0);
  });
});

describe('reportState', () => {
  it('tells a draft from a submitted report and who submitted it', () => {
    expect(reportState({ submitted_on: null, submitted_by: null })).toEqual({ kind: 'draft' });
    expect(
      reportState({ submitted_on: '2026-01-15', submitted_by: { id: 'u1', name: 'Karin Lindgren' } }),
    ).toEqual({ kind: 'submitted', on: '2026-01-15', by: 'Karin Lindgren' });
    expect(reportState({ submitted_on: '2026-01-15', submitted_by: null })).toEqual({
      kind: 'submitted',
      on: '2026-01-15',
      by: null,
    });
  });
});
