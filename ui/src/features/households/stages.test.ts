import { describe, expect, it } from 'vitest';
import { checkTransition, hasArrived, recordsArrival } from './stages';

describe('checkTransition (mirrors landa-domain pipeline rules)', () => {
  it('lets a household skip ahead without a reason', () => {
    expect(checkTransition('lead_captured', 'decided')).toBe('ok');
  });

  it('asks for a reason when moving backwards, closing or reopening', () => {
    expect(checkTransition('visit', 'contacted')).toBe('needs_reason');
    expect(checkTransition('engaged', 'not_moving')).toBe('needs_reason');
    expect(checkTransition('not_moving', 'contacted')).toBe('needs_reason');
  });

  it('allows "not moving" only before arrival and "moved away" only after it', () => {
    expect(checkTransition('arrived', 'not_moving')).toBe('not_allowed');
    expect(checkTransition('decided', 'moved_away')).toBe('not_allowed');
    expect(checkTransition('retained', 'moved_away')).toBe('needs_reason');
  });

  it('refuses staying put and switching between the two closed outcomes', () => {
    expect(checkTransition('visit', 'visit')).toBe('same');
    expect(checkTransition('not_moving', 'moved_away')).toBe('not_allowed');
  });
});

describe('arrival', () => {
  it('counts arrived and everything after, and moved away, as having arrived', () => {
    expect(hasArrived('moving')).toBe(false);
    expect(hasArrived('arrived')).toBe(true);
    expect(hasArrived('ambassador')).toBe(true);
    expect(hasArrived('moved_away')).toBe(true);
    expect(hasArrived('not_moving')).toBe(false);
  });

  it('offers an arrival date only when the move is the one that records it', () => {
    expect(recordsArrival('host_matched', false), 'jumping past arrived still arrives').toBe(true);
    expect(recordsArrival('registered', true), 'the first arrival date stays').toBe(false);
    expect(recordsArrival('decided', false)).toBe(false);
  });
});
