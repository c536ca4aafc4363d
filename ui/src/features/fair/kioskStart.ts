// Checks of the "start kiosk" form before it is sent; the backend checks the same again.

export const IDLE_DEFAULT = 90;
export const IDLE_MIN = 30;
export const IDLE_MAX = 600;

export const isValidPin = (pin: string): boolean => /^\d{4,8}$/.test(pin);

export type KioskStartProblem = 'invalid_pin' | 'pin_mismatch' | 'idle_range';

export interface KioskStartCheck {
  /** Problems by field: `pin`, `pin_again`, `idle_seconds`. */
  problems: Partial<Record<'pin' | 'pin_again' | 'idle_seconds', KioskStartProblem>>;
  idleSeconds: number;
}

export function checkKioskStart(pin: string, pinAgain: string, idleRaw: string | number): KioskStartCheck {
  const problems: KioskStartCheck['problems'] = {};
  if (!isValidPin(pin)) problems.pin = 'invalid_pin';
  else if (pin !== pinAgain) problems.pin_again = 'pin_mismatch';
  const text = String(idleRaw).trim();
  const idle = text === '' ? IDLE_DEFAULT : Number(text);
  if (!Number.isInteger(idle) || idle < IDLE_MIN || idle > IDLE_MAX) problems.idle_seconds = 'idle_range';
  return { problems, idleSeconds: idle };
}
