import { describe, expect, it } from 'vitest';
import { checkKioskStart, isValidPin } from './kioskStart';

describe('kiosk start', () => {
  it('wants a PIN of 4–8 digits', () => {
    expect(isValidPin('1234')).toBe(true);
    expect(isValidPin('12345678')).toBe(true);
    expect(isValidPin('123')).toBe(false);
    expect(isValidPin('123456789')).toBe(false);
    expect(isValidPin('12a4')).toBe(false);
  });

  it('wants the PIN twice, the same', () => {
    expect(checkKioskStart('2468', '2468', '90').problems).toEqual({});
    expect(checkKioskStart('2468', '2469', '90').problems).toEqual({ pin_again: 'pin_mismatch' });
    expect(checkKioskStart('24', '24', '90').problems).toEqual({ pin: 'invalid_pin' });
  });

  it('takes 30–600 idle seconds, 90 when left blank', () => {
    expect(checkKioskStart('2468', '2468', '').idleSeconds).toBe(90);
    expect(checkKioskStart('2468', '2468', '30').problems).toEqual({});
    expect(checkKioskStart('2468', '2468', '600').problems).toEqual({});
    expect(checkKioskStart('2468', '2468', '29').problems).toEqual({ idle_seconds: 'idle_range' });
    expect(checkKioskStart('2468', '2468', '12.5').problems).toEqual({ idle_seconds: 'idle_range' });
  });
});
